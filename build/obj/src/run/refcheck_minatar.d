build/obj/src/run/refcheck_minatar.o: src/run/refcheck_minatar.c \
 include/scorer/refcheck.h
include/scorer/refcheck.h:
