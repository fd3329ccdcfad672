#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <mpfr.h>
/* Speed anchor: the K = 4 MRS-IPO trajectory of the project's bench instance (P = [[5,6,8,9],[4,5,6,8],[2,4,5,7],[1,2,3,5]]/10,
   alpha = 1/2, lambda = 3/4, beta = 3, reference (4,3,2,1)/10, pi_0 and start uniform), 3,000 rounds, in MPFR (C, GMP).
   It is the practical limit for this arithmetic on one core: correctly rounded MPFR operations, no enclosures.
   Build and run (`prefdyn bench` does this on demand, into target/):
     apt-get install -y libmpfr-dev && cc -O2 bench/mrs_mpfr.c -o target/mrs_mpfr -lmpfr -lgmp && target/mrs_mpfr 50 && target/mrs_mpfr 1000
   usage: mrs_mpfr DIGITS [ROUNDS]   (default 3,000 rounds)
   Prints the CPU seconds of the rounds and theta_0 after the last round (to compare digits). */
int main(int argc, char**argv){
  if(argc < 2 || atoi(argv[1]) < 1 || (argc > 2 && atoi(argv[2]) < 0)){ fprintf(stderr, "usage: mrs_mpfr DIGITS [ROUNDS]\n"); return 2; }
  int digits = atoi(argv[1]); int steps = argc > 2 ? atoi(argv[2]) : 3000; int K=4;
  mpfr_prec_t prec = (mpfr_prec_t)((digits + 12 + digits/10) * 3.3219280948873623) + 1;
  int Pn[4][4]={{5,6,8,9},{4,5,6,8},{2,4,5,7},{1,2,3,5}};
  mpfr_t P[4][4], th[4], e[4], nx[4], scaled[4], tmp, s, m, c, mu[4];
  for(int i=0;i<K;i++) for(int j=0;j<K;j++){ mpfr_init2(P[i][j],prec); mpfr_set_ui(P[i][j],Pn[i][j],MPFR_RNDN); mpfr_div_ui(P[i][j],P[i][j],10,MPFR_RNDN);}
  mpfr_inits2(prec, tmp, s, m, c, (mpfr_ptr)0);
  int refn[4]={4,3,2,1};
  mpfr_t lr[4]; mpfr_t mean; mpfr_init2(mean,prec); mpfr_set_ui(mean,0,MPFR_RNDN);
  for(int i=0;i<K;i++){ mpfr_init2(lr[i],prec); mpfr_set_ui(lr[i],refn[i],MPFR_RNDN); mpfr_div_ui(lr[i],lr[i],10,MPFR_RNDN); mpfr_log(lr[i],lr[i],MPFR_RNDN); mpfr_add(mean,mean,lr[i],MPFR_RNDN);}
  mpfr_div_ui(mean,mean,K,MPFR_RNDN);
  for(int i=0;i<K;i++){ mpfr_inits2(prec, th[i], e[i], nx[i], scaled[i], mu[i], (mpfr_ptr)0); mpfr_set_ui(th[i],0,MPFR_RNDN);
    mpfr_sub(scaled[i],lr[i],mean,MPFR_RNDN); mpfr_div_ui(scaled[i],scaled[i],2,MPFR_RNDN);} /* (1-alpha)=1/2 */
  struct timespec t0,t1; clock_gettime(CLOCK_PROCESS_CPUTIME_ID,&t0);
  for(int t=0;t<steps;t++){
    mpfr_set(m,th[0],MPFR_RNDN); for(int i=1;i<K;i++) if(mpfr_cmp(th[i],m)>0) mpfr_set(m,th[i],MPFR_RNDN);
    mpfr_set_ui(s,0,MPFR_RNDN);
    for(int i=0;i<K;i++){ mpfr_sub(e[i],th[i],m,MPFR_RNDN); mpfr_exp(e[i],e[i],MPFR_RNDN); mpfr_add(s,s,e[i],MPFR_RNDN);}
    for(int i=0;i<K;i++){ mpfr_div(mu[i],e[i],s,MPFR_RNDN); mpfr_mul_d(mu[i],mu[i],0.75,MPFR_RNDN); mpfr_add_d(mu[i],mu[i],0.25/4,MPFR_RNDN);} 
    mpfr_set_ui(c,0,MPFR_RNDN);
    for(int i=0;i<K;i++){ mpfr_set_ui(tmp,0,MPFR_RNDN); for(int j=0;j<K;j++) mpfr_fma(tmp,P[i][j],mu[j],tmp,MPFR_RNDN);
      mpfr_mul_ui(tmp,tmp,3,MPFR_RNDN); mpfr_div_ui(nx[i],th[i],2,MPFR_RNDN); mpfr_add(nx[i],nx[i],scaled[i],MPFR_RNDN); mpfr_add(nx[i],nx[i],tmp,MPFR_RNDN); mpfr_add(c,c,nx[i],MPFR_RNDN);} 
    mpfr_div_ui(c,c,K,MPFR_RNDN);
    for(int i=0;i<K;i++) mpfr_sub(th[i],nx[i],c,MPFR_RNDN);
  }
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID,&t1);
  double sec=(t1.tv_sec-t0.tv_sec)+(t1.tv_nsec-t0.tv_nsec)*1e-9;
  printf("mpfr digits=%d steps=%d seconds=%.6f\n  theta_0 = ",digits,steps,sec); mpfr_out_str(stdout,10,50,th[0],MPFR_RNDN); printf("\n");
  return 0;
}
