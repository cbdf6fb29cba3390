# independent: exact conditional p-value of the chi-square statistic for small r x c tables by full
# enumeration of tables with the given margins (multivariate hypergeometric probabilities)
import itertools, math
from fractions import Fraction
def tables(rows, cols):
    # enumerate all non-negative integer matrices with given row and column sums
    r=len(rows); c=len(cols)
    def rec(i, colleft):
        if i==r-1:
            yield [list(colleft)]; return
        def fill(j, left, acc):
            if j==c-1:
                if left<=colleft[j]: yield acc+[left]
                return
            for x in range(0, min(left, colleft[j])+1):
                yield from fill(j+1, left-x, acc+[x])
        for row in fill(0, rows[i], []):
            nl=[colleft[j]-row[j] for j in range(c)]
            for rest in rec(i+1, nl): yield [row]+rest
    yield from rec(0, list(cols))
def stat(t, rows, cols, n):
    return sum((t[i][j]-rows[i]*cols[j]/n)**2/(rows[i]*cols[j]/n) for i in range(len(rows)) for j in range(len(cols)))
def prob(t, rows, cols, n):
    num=math.prod(math.factorial(x) for x in rows)*math.prod(math.factorial(x) for x in cols)
    den=math.factorial(n)*math.prod(math.factorial(x) for row in t for x in row)
    return num/den
for t in ([[5,0,0],[0,4,1]], [[3,1,2],[1,3,1]], [[6,0,0,0],[0,2,2,2]], [[2,2,1],[2,1,2]]):
    rows=[sum(r) for r in t]; cols=[sum(x) for x in zip(*t)]; n=sum(rows)
    s0=stat(t,rows,cols,n)
    p=sum(prob(u,rows,cols,n) for u in tables(rows,cols) if stat(u,rows,cols,n)>=s0-1e-9*s0)
    print(t, round(s0,6), p)
