build/obj/src/run/refcheck.o: src/run/refcheck.c \
 include/scorer/refcheck.h
include/scorer/refcheck.h:
