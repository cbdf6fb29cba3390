# Independent recomputation of the planner's two numbers with scipy (not our Java):
# region = [ppf(alpha/2), ppf(1-alpha/2)] of Binomial(n, p); power = P(X outside region | p +- e).
import random
from scipy.stats import binom
def catches(n,p,e,a):
    lo=binom.ppf(a/2,n,p); hi=binom.ppf(1-a/2,n,p)
    def rej(q): return binom.cdf(lo-1,n,q)+binom.sf(hi,n,q)
    return rej(p+e)>=0.8 and rej(p-e)>=0.8
def plan(p,e,a,frm,to):
    first=None; last=0
    for n in range(frm,to+1):
        ok=catches(n,p,e,a)
        if ok and first is None: first=n
        if not ok: last=n
    return first,last+1
rng=random.Random(20261202)
cases=[(0.05,0.01,0.0005)]
for _ in range(5):
    p=rng.choice([0.01,0.05,0.1,0.25,0.5]); e=round(p*rng.uniform(0.2,0.6),4); a=rng.choice([0.0005,0.005,0.05])
    cases.append((p,e,a))
import sys  # cases on stderr, vectors on stdout: python3 rollout_plan_vectors.py > rollout_plan_vectors.tsv
for p,e,a in cases:
    print(p,e,a,file=sys.stderr)
def full(p,e,a):
    n=1
    while not catches(n,p,e,a): n+=max(1,n//50)
    # n is some size that catches; scan every size from 1 to 3n
    return plan(p,e,a,1,3*n), 3*n
for p,e,a in cases:
    (first,stable),upto=full(p,e,a)
    print(f"{p}\t{e}\t{a}\t{first}\t{stable}\t{upto}")
