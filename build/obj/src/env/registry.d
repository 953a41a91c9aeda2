build/obj/src/env/registry.o: src/env/registry.c include/scorer/env.h
include/scorer/env.h:
