build/obj/src/nn/activation.o: src/nn/activation.c \
 include/scorer/layers.h
include/scorer/layers.h:
