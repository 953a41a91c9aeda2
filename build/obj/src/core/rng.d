build/obj/src/core/rng.o: src/core/rng.c include/scorer/rng.h
include/scorer/rng.h:
