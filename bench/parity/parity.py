# parity.py - the same three SCORER-DQN leader + follower updates as parity.c, in PyTorch (the
# peer's formulation); prints the largest parameter difference. Run through bench/parity/run.sh.
import numpy as np, torch, torch.nn.functional as F
ld = lambda n: torch.from_numpy(np.fromfile(n, dtype=np.float32))
p0, tg = ld('params0.bin'), ld('target.bin')
def split(v):
    o = 0; out = []
    for shp in [(64, 4), (64,), (64, 64), (64,), (2, 64), (2,)]:
        k = int(np.prod(shp)); out.append(v[o:o + k].reshape(shp).clone()); o += k
    return out
P, T = split(p0), split(tg)
obs, nobs = ld('obs.bin').reshape(64, 4), ld('nobs.bin').reshape(64, 4)
act, rew, done, yC = ld('act.bin').long(), ld('rew.bin'), ld('done.bin'), ld('y.bin')
def l1norm(x, eps=1e-8): return x / x.abs().mean(dim=-1, keepdim=True).clamp_min(eps)
def perc(p, x): return l1norm(F.relu(F.linear(x, p[0], p[1])))
def qf(p, z): return F.linear(F.relu(F.linear(z, p[0], p[1])), p[2], p[3])
with torch.no_grad():
    y = rew + (1 - done) * 0.99 * qf(T[2:], perc(T[:2], nobs)).max(-1).values
print('target diff', (y - yC).abs().max().item())
enc = [t.requires_grad_() for t in P[:2]]; q = [t.requires_grad_() for t in P[2:]]
class Opt:
    def __init__(s, ps, lr): s.ps = ps; s.o = torch.optim.Adam(ps, lr=lr, betas=(0.9, 0.999), eps=1e-8)
    def step(s, loss):
        for p in s.ps: p.grad = None
        loss.backward()
        n = torch.sqrt(sum((p.grad ** 2).sum() for p in s.ps)); sc = torch.clamp(0.5 / n, max=1.0)
        for p in s.ps: p.grad.mul_(sc)
        s.o.step()
qo, po = Opt(q, 1e-3), Opt(enc, 3e-3)
for k in range(3):
    with torch.no_grad(): z = perc(enc, obs)
    qs = qf(q, z).gather(1, act.unsqueeze(1)).squeeze(1); l1 = ((yC - qs) ** 2).mean(); qo.step(l1)
    qd = [t.detach() for t in q]
    qs = qf(qd, perc(enc, obs)).gather(1, act.unsqueeze(1)).squeeze(1); l2 = ((yC - qs) ** 2).mean(); po.step(l2)
    print('step', k, 'leader', l1.item(), 'follower', l2.item())
p1 = split(ld('params1.bin'))
for name, a, b in zip(['W1', 'b1', 'W2', 'b2', 'W3', 'b3'], enc + q, p1):
    print(name, 'max diff', (a.detach() - b).abs().max().item(), 'max change', (a.detach() - split(p0)[['W1','b1','W2','b2','W3','b3'].index(name)]).abs().max().item())
