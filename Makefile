# scorer - plain Makefile. `make` builds bin/scorer and libscorer.a; `make test` runs every test.
# `make SAN=1 test` builds into build-san/ with AddressSanitizer + UBSan; WERROR=1 turns warnings
# into errors (CI does both).
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
REFDATA_XZ := $(wildcard tests/refdata/*/*.xz)
REFDATA  := $(REFDATA_XZ:tests/refdata/%.xz=$(BUILD)/refdata/%)

.PHONY: all test bench clean refdata FORCE
all: $(BIN)/scorer $(BUILD)/libscorer.a

# The flags a build was made with, rewritten only when they change: everything depends on it, so
# `make WERROR=1` (or CI=true) in a tree built without -Werror recompiles instead of passing silently.
FLAGS := $(CC) $(CFLAGS) | $(ENVFLAGS) | $(LDLIBS)
$(BUILD)/flags.txt: FORCE
	@mkdir -p $(dir $@)
	@echo '$(FLAGS)' | cmp -s - $@ || echo '$(FLAGS)' > $@

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

$(BUILD)/bench/%: bench/%.c $(BUILD)/libscorer.a $(BUILD)/flags.txt
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $< $(BUILD)/libscorer.a $(LDLIBS) -o $@

# Reference trajectories ship compressed (xz); tests read the decompressed copies.
$(BUILD)/refdata/%: tests/refdata/%.xz
	@mkdir -p $(dir $@)
	xz -dc $< > $@.tmp && mv $@.tmp $@
refdata: $(REFDATA)

test: $(BIN)/scorer $(TESTS) $(REFDATA)
	@BUILD=$(BUILD) SCORER_BIN=$(BIN)/scorer SCORER_QUICK=$(SAN) sh tests/run.sh $(TESTS)

bench: $(BIN)/scorer $(BENCHES)

clean:
	rm -rf build build-san bin

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TESTS:=.d) $(BENCHES:=.d)
