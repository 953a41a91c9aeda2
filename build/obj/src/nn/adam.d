build/obj/src/nn/adam.o: src/nn/adam.c include/scorer/adam.h
include/scorer/adam.h:
