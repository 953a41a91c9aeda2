build/obj/src/nn/dense.o: src/nn/dense.c include/scorer/layers.h
include/scorer/layers.h:
