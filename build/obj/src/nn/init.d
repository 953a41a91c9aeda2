build/obj/src/nn/init.o: src/nn/init.c include/scorer/init.h \
 include/scorer/rng.h
include/scorer/init.h:
include/scorer/rng.h:
