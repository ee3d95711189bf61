/* The Shift Scheduling Benchmark (Curtois and Qu) as one compact MIP, the plain-GLPK peer
   of rota-roster in bench/roster.sh.  Data from bench/nrp-data.py; semantics as in
   bench/nrp_instance.py (the days around the horizon are off for the maximum run; a run
   touching an edge is never too short).  After solving, the roster is written to `out` in
   rota-roster's CSV shape (agent,date,shift,start,end,breaks; start/end left empty). */
param H integer > 0;                     /* days */
set D := 0..H-1;
set I;                                   /* staff */
set T;                                   /* shift types */
param len{T} > 0;                        /* minutes */
set CF within T cross T;                 /* (t, u): u may not come the day after t */
param maxs{I, T} integer >= 0, default H;
param minmin{I} >= 0;
param maxmin{I} >= 0;
param maxc{I} integer >= 1;
param minc{I} integer >= 1;
param mino{I} integer >= 1;
param maxw{I} integer >= 0;
set OFF within I cross D;                /* days off */
set ON dimen 3 within I cross D cross T; /* on requests */
param onw{ON} >= 0;
set OF dimen 3 within I cross D cross T; /* off requests */
param ofw{OF} >= 0;
set C dimen 2 within D cross T;          /* cover lines */
param req{C} integer >= 0;
param wu{C} >= 0;
param wo{C} >= 0;
param date{D} symbolic;
param out symbolic, default "nrp-glpk.csv";
param fixed binary, default 0;           /* 1: x is the roster FIX (bench/nrp-selftest.py) */
set FIX dimen 3 within I cross D cross T, default {i in I, d in D, t in T: 0};
set W := 0..(H - 1) div 7;               /* weekends: Saturday 7w+5, Sunday 7w+6 */

var x{I, D, T} binary;
var under{C} >= 0;
var over{C} >= 0;
var we{I, W} >= 0, <= 1;                 /* integral at any vertex that matters: >= work */

minimize obj:
    sum{(i, d, t) in ON} onw[i, d, t] * (1 - x[i, d, t])
  + sum{(i, d, t) in OF} ofw[i, d, t] * x[i, d, t]
  + sum{(d, t) in C} (wu[d, t] * under[d, t] + wo[d, t] * over[d, t]);

s.t. one{i in I, d in D}: sum{t in T} x[i, d, t] <= 1;
s.t. dayoff{(i, d) in OFF, t in T}: x[i, d, t] = 0;
s.t. follow{i in I, d in D, (t, u) in CF: d + 1 <= H - 1}: x[i, d, t] + x[i, d + 1, u] <= 1;
s.t. maxshifts{i in I, t in T: maxs[i, t] < H}: sum{d in D} x[i, d, t] <= maxs[i, t];
s.t. minutes_lo{i in I}: sum{d in D, t in T} len[t] * x[i, d, t] >= minmin[i];
s.t. minutes_hi{i in I}: sum{d in D, t in T} len[t] * x[i, d, t] <= maxmin[i];
s.t. maxcons{i in I, d in D: d + maxc[i] <= H - 1}:
    sum{j in d..d + maxc[i], t in T} x[i, j, t] <= maxc[i];
/* no block of s < minc worked days with days off (inside the horizon) on both sides */
s.t. mincons{i in I, s in 1..minc[i] - 1, d in 1..H - 1 - s}:
    sum{t in T} x[i, d - 1, t] + s - sum{j in d..d + s - 1, t in T} x[i, j, t]
  + sum{t in T} x[i, d + s, t] >= 1;
s.t. minoff{i in I, s in 1..mino[i] - 1, d in 1..H - 1 - s}:
    1 - sum{t in T} x[i, d - 1, t] + sum{j in d..d + s - 1, t in T} x[i, j, t]
  + 1 - sum{t in T} x[i, d + s, t] >= 1;
s.t. wesat{i in I, w in W: 7 * w + 5 <= H - 1}: we[i, w] >= sum{t in T} x[i, 7 * w + 5, t];
s.t. wesun{i in I, w in W: 7 * w + 6 <= H - 1}: we[i, w] >= sum{t in T} x[i, 7 * w + 6, t];
s.t. weekends{i in I}: sum{w in W} we[i, w] <= maxw[i];
s.t. cover{(d, t) in C}: sum{i in I} x[i, d, t] + under[d, t] - over[d, t] = req[d, t];

s.t. fix{i in I, d in D, t in T: fixed}: x[i, d, t] = if (i, d, t) in FIX then 1 else 0;

solve;

/* obj's value would leave out its constant term (the on requests' weights) */
printf "nrp.mod objective %.6f\n",
    sum{(i, d, t) in ON} onw[i, d, t] * (1 - x[i, d, t])
  + sum{(i, d, t) in OF} ofw[i, d, t] * x[i, d, t]
  + sum{(d, t) in C} (wu[d, t] * under[d, t] + wo[d, t] * over[d, t]);
printf "agent,date,shift,start,end,breaks\n" > out;
printf{i in I, d in D, t in T: x[i, d, t] > 0.5} "%s,%s,%s,,,\n", i, date[d], t >> out;
end;
