/*
 * C reference for the Monte Carlo benchmark (test/bench/montecarlo.bench.ts, issue 18): the
 * propagation of scenarios/dispersed-vbar-approach.json at 1 s steps, as a plain loop, one thread.
 *
 * Per trial: the initial RIC state dispersed (10 m, 1 mm/s per axis, 1-sigma), then 24 h of
 * Clohessy-Wiltshire motion integrated with classical RK4 at 1 s, with the plan's two CW transfers
 * (10 h to [0, -1000, 0] m starting at t = 1800 s, an hour's hold, 8 h to [0, -300, 0] m), each
 * targeted from the state reached (closed-form state transition matrix) and its burns scaled by
 * 1 + N(0, 0.02); every step tracks the minimum range and whether the 200 m keep-out sphere was
 * entered, and the delta-v is summed. What it leaves out of rpo-sim's trial: pointing and timing
 * dispersions, missed burns, event location between steps and the score card.
 *
 *   gcc -O2 -o cw-rk4 test/bench/cw-rk4.c -lm && ./cw-rk4 [TRIALS]
 *
 * Prints one line: `trials seconds trials_per_second checksum` (the checksum keeps the loop
 * from being optimised away and lets two builds be compared).
 */

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define MU_EARTH_M3_S2 3.986004418e14
#define GEO_RADIUS_M 42164169.6

static double n_rad_s; /* mean motion of the target, rad/s */

/* xorshift64* and Box-Muller: normal draws */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static double uniform01(void) {
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return ((rng_state * 2685821657736338717ull) >> 11) * (1.0 / 9007199254740992.0);
}
static double normal(void) {
  double u1 = uniform01(), u2 = uniform01();
  if (u1 < 1e-300) u1 = 1e-300;
  return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}

/*
 * One classical RK4 step of the CW equations (RIC: x radial, y in-track, z cross-track;
 * rotating-frame rates), the four stages in scalar locals as rpo-sim's fused stepper does, so
 * that gcc -O2 keeps everything in registers.
 */
static void rk4_step(double *s, double h) {
  const double n = n_rad_s, n2 = n * n, hh = 0.5 * h;
  const double x = s[0], y = s[1], z = s[2], vx = s[3], vy = s[4], vz = s[5];
  /* stage 1 */
  double ax1 = 3 * n2 * x + 2 * n * vy, ay1 = -2 * n * vx, az1 = -n2 * z;
  /* stage 2, at s + h/2 k1 */
  double x2 = x + hh * vx, z2 = z + hh * vz;
  double vx2 = vx + hh * ax1, vy2 = vy + hh * ay1, vz2 = vz + hh * az1;
  double ax2 = 3 * n2 * x2 + 2 * n * vy2, ay2 = -2 * n * vx2, az2 = -n2 * z2;
  /* stage 3, at s + h/2 k2 */
  double x3 = x + hh * vx2, z3 = z + hh * vz2;
  double vx3 = vx + hh * ax2, vy3 = vy + hh * ay2, vz3 = vz + hh * az2;
  double ax3 = 3 * n2 * x3 + 2 * n * vy3, ay3 = -2 * n * vx3, az3 = -n2 * z3;
  /* stage 4, at s + h k3 */
  double x4 = x + h * vx3, z4 = z + h * vz3;
  double vx4 = vx + h * ax3, vy4 = vy + h * ay3, vz4 = vz + h * az3;
  double ax4 = 3 * n2 * x4 + 2 * n * vy4, ay4 = -2 * n * vx4, az4 = -n2 * z4;
  const double w = h / 6.0;
  s[0] = x + w * (vx + 2 * vx2 + 2 * vx3 + vx4);
  s[1] = y + w * (vy + 2 * vy2 + 2 * vy3 + vy4);
  s[2] = z + w * (vz + 2 * vz2 + 2 * vz3 + vz4);
  s[3] = vx + w * (ax1 + 2 * ax2 + 2 * ax3 + ax4);
  s[4] = vy + w * (ay1 + 2 * ay2 + 2 * ay3 + ay4);
  s[5] = vz + w * (az1 + 2 * az2 + 2 * az3 + az4);
}

/* Departure velocity reaching r1 after t seconds from r0: v0 = phiRV^-1 (r1 - phiRR r0). */
static void cw_transfer_velocity(const double *r0, const double *r1, double t, double *v0) {
  double n = n_rad_s, c = cos(n * t), s = sin(n * t);
  double rr[9] = {4 - 3 * c, 0, 0, 6 * (s - n * t), 1, 0, 0, 0, c};
  double rv[9] = {s / n, 2 * (1 - c) / n, 0, 2 * (c - 1) / n, (4 * s - 3 * n * t) / n, 0,
                  0, 0, s / n};
  double b[3];
  for (int i = 0; i < 3; i++)
    b[i] = r1[i] - (rr[3 * i] * r0[0] + rr[3 * i + 1] * r0[1] + rr[3 * i + 2] * r0[2]);
  /* 2x2 in-plane block and the decoupled cross-track term */
  double det = rv[0] * rv[4] - rv[1] * rv[3];
  v0[0] = (b[0] * rv[4] - rv[1] * b[1]) / det;
  v0[1] = (rv[0] * b[1] - b[0] * rv[3]) / det;
  v0[2] = b[2] / rv[8];
}

/* The end of each leg: [start s, duration s, target R, I, C m] */
static const double LEGS[2][5] = {{1800, 36000, 0, -1000, 0}, {1800 + 36000 + 3600, 28800, 0, -300, 0}};

static void burn(double *s, const double *v_new, double *dv_total) {
  double scale = 1.0 + 0.02 * normal();
  double dv[3] = {v_new[0] - s[3], v_new[1] - s[4], v_new[2] - s[5]};
  for (int i = 0; i < 3; i++) s[3 + i] += scale * dv[i];
  *dv_total += scale * sqrt(dv[0] * dv[0] + dv[1] * dv[1] + dv[2] * dv[2]);
}

int main(int argc, char **argv) {
  int trials = argc > 1 ? atoi(argv[1]) : 1000;
  const int steps = 86400;
  n_rad_s = sqrt(MU_EARTH_M3_S2 / (GEO_RADIUS_M * GEO_RADIUS_M * GEO_RADIUS_M));
  double checksum = 0;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (int trial = 0; trial < trials; trial++) {
    double s[6] = {10 * normal(), -3000 + 10 * normal(), 10 * normal(),
                   0.001 * normal(), 0.001 * normal(), 0.001 * normal()};
    double min_range = INFINITY, dv_total = 0;
    int entered = 0;
    for (int k = 0; k < steps; k++) {
      double t = (double)k;
      for (int leg = 0; leg < 2; leg++) {
        if (t == LEGS[leg][0]) {
          double v0[3];
          cw_transfer_velocity(s, &LEGS[leg][2], LEGS[leg][1], v0);
          burn(s, v0, &dv_total);
        } else if (t == LEGS[leg][0] + LEGS[leg][1]) {
          const double stop[3] = {0, 0, 0};
          burn(s, stop, &dv_total);
        }
      }
      rk4_step(s, 1.0);
      double range = sqrt(s[0] * s[0] + s[1] * s[1] + s[2] * s[2]);
      if (range < min_range) min_range = range;
      if (range < 200.0) entered = 1;
    }
    checksum += min_range + dv_total + entered;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double seconds = (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
  printf("%d %.6f %.3f %.6f\n", trials, seconds, trials / seconds, checksum);
  return 0;
}
