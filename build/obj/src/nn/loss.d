build/obj/src/nn/loss.o: src/nn/loss.c include/scorer/loss.h
include/scorer/loss.h:
