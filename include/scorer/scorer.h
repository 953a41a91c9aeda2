/* scorer.h - the whole public interface of libscorer in one include (docs/LIBRARY.md).
 * Link with: build/libscorer.a -lopenblas -lpthread -lm (or `pkg-config --libs scorer` once installed).
 * Grouped by the folder that implements them, in the order of the data path after the shared
 * basics: numbers, environments, learners, running. */
#ifndef SCORER_SCORER_H
#define SCORER_SCORER_H

/* src/core: floating-point mode, random numbers, bit sets, the clock, and helpers for messages
 * (spelling suggestions, paths quoted as shell words) */
#include "scorer/fpu.h"
#include "scorer/rng.h"
#include "scorer/bitset.h"
#include "scorer/clock.h"
#include "scorer/suggest.h"
#include "scorer/shellword.h"

/* src/nn: matrix products, layers, losses, initialisation, Adam, networks */
#include "scorer/matmul.h"
#include "scorer/layers.h"
#include "scorer/loss.h"
#include "scorer/init.h"
#include "scorer/adam.h"
#include "scorer/net.h"

/* src/env: the environment interface and registry, the vector of envs, the games */
#include "scorer/env.h"
#include "scorer/vecenv.h"
#include "scorer/classic.h"
#include "scorer/minatar.h"

/* src/rl: the Q-network head, replay, exploration, schedules, the two players, the learners */
#include "scorer/qnet.h"
#include "scorer/replay.h"
#include "scorer/explore.h"
#include "scorer/schedule.h"
#include "scorer/agent.h"
#include "scorer/players.h"
#include "scorer/learner.h"
#include "scorer/pqn.h"

/* src/run: files, configuration, training, checkpoints, evaluation, statistics, reports, sweeps, reference checks */
#include "scorer/fileio.h"
#include "scorer/config.h"
#include "scorer/trainer.h"
#include "scorer/checkpoint.h"
#include "scorer/evaluate.h"
#include "scorer/experiment.h"
#include "scorer/stats.h"
#include "scorer/table.h"
#include "scorer/json.h"
#include "scorer/runfolder.h"
#include "scorer/summary.h"
#include "scorer/settings.h"
#include "scorer/plot.h"
#include "scorer/sweep.h"
#include "scorer/refcheck.h"
#include "scorer/provenance.h" /* SCORER_VERSION */

#endif
