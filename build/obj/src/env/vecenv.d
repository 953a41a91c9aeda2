build/obj/src/env/vecenv.o: src/env/vecenv.c include/scorer/vecenv.h \
 include/scorer/env.h
include/scorer/vecenv.h:
include/scorer/env.h:
