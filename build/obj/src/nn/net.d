build/obj/src/nn/net.o: src/nn/net.c include/scorer/net.h \
 include/scorer/rng.h include/scorer/layers.h include/scorer/init.h
include/scorer/net.h:
include/scorer/rng.h:
include/scorer/layers.h:
include/scorer/init.h:
