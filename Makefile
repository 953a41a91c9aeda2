# scorer - plain Makefile. `make` builds bin/scorer and libscorer.a; `make test` runs every test.
# `make SAN=1 test` builds into build-san/ with AddressSanitizer + UBSan, `make SAN=thread test` into
# build-tsan/ with ThreadSanitizer, `make SAN=coverage test` into build-cov/ with coverage counters
# (then gcovr); WERROR=1 turns warnings into errors (CI does both with SAN=1 and runs
# scripts/tsan_check.sh).
CC      ?= cc
SAN     ?= 0
# CI builds treat warnings as errors (CI=true is set by the CI runner)
ifeq ($(CI),true)
WERROR  ?= 1
endif
WERROR  ?= 0
ifeq ($(SAN),1)
BUILD   ?= build-san
OPT     ?= -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
else ifeq ($(SAN),thread)
BUILD   ?= build-tsan
OPT     ?= -O1 -g -fsanitize=thread -fno-omit-frame-pointer
else ifeq ($(SAN),coverage)
BUILD   ?= build-cov
OPT     ?= -O0 -g --coverage -fprofile-update=atomic
else
BUILD   ?= build
OPT     ?= -O3 -g -march=native -fno-math-errno
endif
WARN    := -Wall -Wextra -Wshadow -Wno-unused-parameter
ifeq ($(WERROR),1)
WARN    += -Werror
endif
CFLAGS  := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(OPT) -Iinclude -MMD -MP
# Environments must reproduce Gymnasium bit for bit: no FMA contraction, real libm pow
# (../shared/ENVIRONMENTS.md section 2).
ENVFLAGS := -ffp-contract=off -fno-builtin-pow
LDLIBS  := -lopenblas -lpthread -lm
BIN     := $(if $(filter build,$(BUILD)),bin,$(BUILD)/bin)

LIB_SRC  := $(wildcard src/core/*.c src/nn/*.c src/env/*.c src/env/minatar/*.c src/rl/*.c src/run/*.c)
CLI_SRC  := $(wildcard src/cli/*.c)
TEST_SRC := $(wildcard tests/test_*.c)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
TESTS    := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
BENCH_SRC := $(wildcard bench/*.c)
BENCHES  := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
EXAMPLE_SRC := $(wildcard examples/*.c)
EXAMPLES := $(EXAMPLE_SRC:examples/%.c=$(BUILD)/examples/%)
REFDATA_XZ := $(wildcard tests/refdata/*/*.xz)
REFDATA  := $(REFDATA_XZ:tests/refdata/%.xz=$(BUILD)/refdata/%)

.PHONY: all tests test bench examples install clean refdata FORCE
all: $(BIN)/scorer $(BUILD)/libscorer.a

# The flags a build was made with, rewritten only when they change: everything depends on it, so
# `make WERROR=1` (or CI=true) in a tree built without -Werror recompiles instead of passing silently.
FLAGS := $(CC) $(CFLAGS) | $(ENVFLAGS) | $(LDLIBS)
$(BUILD)/flags.txt: FORCE
	@mkdir -p $(dir $@)
	@echo '$(FLAGS)' | cmp -s - $@ || echo '$(FLAGS)' > $@

# What a run records of the build that made it (src/run/provenance.c): the source tree's commit and the
# compiler flags (warning flags left out: they do not change results), kept in a file rewritten only when
# they change, so that a new commit recompiles that one file.
COMMIT := $(shell git describe --always --dirty 2>/dev/null || echo unknown)
BUILD_FLAGS := $(CC) $(filter-out -Iinclude -MMD -MP -W%,$(CFLAGS))
$(BUILD)/buildinfo.txt: FORCE
	@mkdir -p $(dir $@)
	@echo '$(COMMIT) $(BUILD_FLAGS)' | cmp -s - $@ || echo '$(COMMIT) $(BUILD_FLAGS)' > $@
$(BUILD)/obj/src/run/provenance.o: $(BUILD)/buildinfo.txt
$(BUILD)/obj/src/run/provenance.o: CFLAGS += -DSCORER_COMMIT='"$(COMMIT)"' -DSCORER_FLAGS='"$(BUILD_FLAGS)"'

$(BUILD)/obj/src/env/%.o: src/env/%.c $(BUILD)/flags.txt
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(ENVFLAGS) -c $< -o $@

# Network code may fuse multiply-adds (-std=c11 turns contraction off by default).
$(BUILD)/obj/src/nn/%.o: src/nn/%.c $(BUILD)/flags.txt
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -ffp-contract=fast -c $< -o $@

$(BUILD)/obj/%.o: %.c $(BUILD)/flags.txt
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/libscorer.a: $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(BIN)/scorer: $(CLI_OBJ) $(BUILD)/libscorer.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(CLI_OBJ) $(BUILD)/libscorer.a $(LDLIBS) -o $@

$(BUILD)/tests/%: tests/%.c $(BUILD)/libscorer.a tests/check.h $(BUILD)/flags.txt
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(ENVFLAGS) $< $(BUILD)/libscorer.a $(LDLIBS) -o $@

# test_allocfail makes the library's allocations fail one by one: its malloc family is wrapped at link time.
$(BUILD)/tests/test_allocfail: LDLIBS += -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=aligned_alloc,--wrap=free

# bin/scorer with its allocations and file writes wrapped, the K-th made to fail on request (tests/cli_faults.sh)
FAULT_WRAP := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=aligned_alloc,--wrap=fopen,--wrap=fsync
$(BUILD)/tests/scorer_faults: tests/faults_cli.c $(CLI_OBJ) $(BUILD)/libscorer.a $(BUILD)/flags.txt
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) tests/faults_cli.c $(CLI_OBJ) $(BUILD)/libscorer.a $(LDLIBS) $(FAULT_WRAP) -o $@

$(BUILD)/bench/%: bench/%.c $(BUILD)/libscorer.a $(BUILD)/flags.txt
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $< $(BUILD)/libscorer.a $(LDLIBS) -o $@

# Programs that use the library as a user would (docs/LIBRARY.md); tests run them.
$(BUILD)/examples/%: examples/%.c $(BUILD)/libscorer.a $(BUILD)/flags.txt
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $< $(BUILD)/libscorer.a $(LDLIBS) -o $@
examples: $(EXAMPLES)

# Reference trajectories ship compressed (xz); tests read the decompressed copies.
$(BUILD)/refdata/%: tests/refdata/%.xz
	@mkdir -p $(dir $@)
	xz -dc $< > $@.tmp && mv $@.tmp $@
refdata: $(REFDATA)

test: $(BIN)/scorer $(TESTS) $(BUILD)/tests/scorer_faults $(REFDATA) $(EXAMPLES) $(EXAMPLES:$(BUILD)/examples/%=$(BUILD)/installed-examples/%)
	@BUILD=$(BUILD) SCORER_BIN=$(BIN)/scorer SCORER_QUICK=$(if $(filter 0,$(SAN)),0,1) sh tests/run.sh $(TESTS)

# everything test and bench build, without running anything (CI's clang build)
tests: $(BIN)/scorer $(TESTS) $(BUILD)/tests/scorer_faults $(EXAMPLES) $(BENCHES)

bench: $(BIN)/scorer $(BENCHES)

# `make install [PREFIX=/usr/local] [DESTDIR=...]`: the tool, the library, its headers and a
# pkg-config file (cc prog.c $$(pkg-config --cflags --libs scorer)).
PREFIX  ?= /usr/local
VERSION := $(shell sed -n 's/^\#define SCORER_VERSION "\(.*\)"/\1/p' include/scorer/provenance.h)
# $(1): where the files go, $(2): the prefix they will be used from
define install_into
	install -d $(1)/bin $(1)/lib/pkgconfig $(1)/include/scorer
	install -m 755 $(BIN)/scorer $(1)/bin/scorer
	install -m 644 $(BUILD)/libscorer.a $(1)/lib/libscorer.a
	install -m 644 include/scorer/*.h $(1)/include/scorer/
	printf 'prefix=%s\nincludedir=$${prefix}/include\nlibdir=$${prefix}/lib\n\nName: scorer\nDescription: %s\nVersion: %s\nCflags: -I$${includedir}\nLibs: -L$${libdir} -lscorer %s\n' \
	    '$(2)' 'SCORER and its baselines: value-based deep RL in C11' '$(VERSION)' '$(LDLIBS)' > $(1)/lib/pkgconfig/scorer.pc
endef
install: $(BIN)/scorer $(BUILD)/libscorer.a
	$(call install_into,$(DESTDIR)$(PREFIX),$(PREFIX))

# The examples once more, built as a user would: against an installed copy only (its headers and
# library, the flags from its pkg-config file; the include/ of this tree is not on the path).
INSTALLED := $(BUILD)/installed
$(INSTALLED)/.stamp: $(BIN)/scorer $(BUILD)/libscorer.a $(wildcard include/scorer/*.h)
	@rm -rf $(INSTALLED)
	@$(call install_into,$(abspath $(INSTALLED)),$(abspath $(INSTALLED)))
	@touch $@
$(BUILD)/installed-examples/%: examples/%.c $(INSTALLED)/.stamp
	@mkdir -p $(dir $@)
	$(CC) $(filter-out -Iinclude -MMD -MP,$(CFLAGS)) $< \
	    $$(PKG_CONFIG_PATH=$(abspath $(INSTALLED))/lib/pkgconfig pkg-config --cflags --libs scorer) -o $@

clean:
	rm -rf build build-san build-clang build-tune-* bin

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TESTS:=.d) $(BENCHES:=.d) $(EXAMPLES:=.d)
