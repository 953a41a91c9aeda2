build/tests/test_nn: tests/test_nn.c tests/check.h include/scorer/net.h \
 include/scorer/rng.h include/scorer/layers.h include/scorer/loss.h \
 include/scorer/adam.h include/scorer/init.h
tests/check.h:
include/scorer/net.h:
include/scorer/rng.h:
include/scorer/layers.h:
include/scorer/loss.h:
include/scorer/adam.h:
include/scorer/init.h:
