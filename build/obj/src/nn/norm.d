build/obj/src/nn/norm.o: src/nn/norm.c include/scorer/layers.h
include/scorer/layers.h:
