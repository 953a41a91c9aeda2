build/obj/src/run/refcheck_classic.o: src/run/refcheck_classic.c \
 include/scorer/refcheck.h
include/scorer/refcheck.h:
