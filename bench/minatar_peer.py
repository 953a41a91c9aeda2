#!/usr/bin/env python3
"""minatar_peer.py - the numpy MinAtar reference as a peer: timed as ENVIRONMENTS.md section 7 times it,
and checked against the reference trajectories first, so that the peer is the version they came from.

Nothing of MinAtar is in this repository (its code is GPL): --minatar names a copy of kenjyoung/MinAtar at
the commit ENVIRONMENTS.md section 0 names (the folder holding the `minatar` package). It needs numpy
(Debian: python3-numpy, for /usr/bin/python3).

  minatar_peer.py --minatar DIR check REFDIR       replay REFDIR/*.txt (../shared/refdata/minatar): every
                                                   reward, terminal flag, executed action and observation
  minatar_peer.py --minatar DIR speed GAME [--runs 5] [--seconds 2] [--seed 1]
      GAME: breakout, asterix, freeway, space_invaders, seaquest. Environment(GAME, sticky 0.1), act + state()
      each step, reset on terminal, uniform random actions over all 6; prints one line:
      'GAME median M steps/s min A max B episode_len L'.

Actions come from Python's random.randrange, the cheapest draw Python has (numpy's per-call randint costs
more than a MinAtar step): the peer's figure is its best, not slowed by the harness.
"""
import argparse, glob, os, random, sys, time

GAMES = ["breakout", "asterix", "freeway", "space_invaders", "seaquest"]


def fail(msg):
    print("minatar_peer.py: " + msg, file=sys.stderr)
    sys.exit(2)


def load(folder):
    if not os.path.isfile(os.path.join(folder, "minatar", "environment.py")):
        fail(f"{folder} holds no minatar/environment.py: pass --minatar the folder of a MinAtar checkout")
    sys.path.insert(0, folder)
    try:
        import numpy  # noqa: F401
    except ImportError:
        fail("numpy is missing: apt-get install python3-numpy, and run this with /usr/bin/python3")
    import logging
    logging.disable(logging.WARNING)  # MinAtar warns when its optional GUI imports fail
    from minatar import Environment
    return Environment


def speed(Environment, game, runs, seconds, seed):
    """Steps per second of `runs` loops of about `seconds` each; the episodes' mean length."""
    rates, steps_all, ends_all = [], 0, 0
    for k in range(runs):
        env = Environment(game, sticky_action_prob=0.1)
        env.seed(seed + k)
        env.reset()
        pick, act, state, reset = random.Random(seed + k).randrange, env.act, env.state, env.reset
        steps = ends = 0
        t0 = time.perf_counter()
        deadline = t0 + seconds
        while True:
            for _ in range(100):  # the clock once per 100 steps
                _, terminal = act(pick(6))
                state()
                if terminal:
                    reset()
                    ends += 1
            steps += 100
            t = time.perf_counter()
            if t >= deadline:
                break
        rates.append(steps / (t - t0))
        steps_all += steps
        ends_all += ends
    rates.sort()
    length = steps_all / ends_all if ends_all else float("inf")
    print(f"{game} median {rates[len(rates) // 2]:.0f} steps/s min {rates[0]:.0f} max {rates[-1]:.0f} "
          f"episode_len {length:.1f}")


def check(Environment, refdir):
    """Replays every episode of the reference files; 0 mismatches or exit 1."""
    import importlib
    import numpy as np
    files = sorted(glob.glob(os.path.join(refdir, "*.txt")))
    if not files:
        fail(f"no reference files (*.txt) in {refdir}")
    total = bad = 0
    for path in files:
        game, steps, mismatches = os.path.basename(path)[:-4], 0, 0
        env = state = None
        with open(path) as f:
            for line in f:
                tok = line.split()
                if not tok or tok[0].startswith("#"):
                    continue
                if tok[0] == "episode":  # episode K seed S game G channels C sticky P policy ...
                    seed, sticky = int(tok[3]), tok[9]
                    if sticky == "off":  # the game alone, on its own RandomState (no wrapper draws)
                        env = importlib.import_module("minatar.environments." + game).Env()
                        env.random = np.random.RandomState(seed)
                        env.reset()
                        wrapper = None
                    else:
                        wrapper = Environment(game, sticky_action_prob=float(sticky))
                        wrapper.seed(seed)
                        wrapper.reset()
                        env = wrapper.env
                    state = env.state
                elif tok[0] == "obs":  # obs N i1 .. iN: the set cells of state(), flattened
                    mismatches += [int(x) for x in tok[2:]] != np.flatnonzero(state().reshape(-1)).tolist()
                elif tok[0] == "step":  # step T action A exec E reward R terminal D ...
                    action, executed, reward, terminal = int(tok[3]), int(tok[5]), int(tok[7]), int(tok[9])
                    r, t = wrapper.act(action) if wrapper else env.act(action)
                    mismatches += int(r) != reward or int(t) != terminal
                    mismatches += wrapper is not None and wrapper.last_action != executed
                    steps += 1
        print(f"{game}: {steps} steps, {mismatches} mismatches")
        total += steps
        bad += mismatches
    print(f"check: {total} steps, {bad} mismatches")
    sys.exit(1 if bad or not total else 0)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--minatar", required=True, help="folder holding the minatar package")
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("check")
    c.add_argument("refdir")
    s = sub.add_parser("speed")
    s.add_argument("game", choices=GAMES)
    s.add_argument("--runs", type=int, default=5)
    s.add_argument("--seconds", type=float, default=2.0)
    s.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    Environment = load(a.minatar)
    if a.cmd == "check":
        check(Environment, a.refdir)
    else:
        if a.runs < 1 or not a.seconds > 0:
            fail("--runs must be at least 1 and --seconds positive")
        speed(Environment, a.game, a.runs, a.seconds, a.seed)


if __name__ == "__main__":
    main()
