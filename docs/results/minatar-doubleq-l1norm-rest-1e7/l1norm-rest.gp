# scorer learning curves; run inside this folder: gnuplot l1norm-rest.gp
if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {
    set terminal pngcairo size 1560,548 noenhanced font 'sans,11'
} else {
    set terminal png size 1560,548 noenhanced truecolor
}
set output 'l1norm-rest.png.tmp'
set xlabel 'timesteps'
set ylabel 'episode return'
set grid
set style fill transparent solid 0.18 noborder
set key outside below center vertical maxrows 8 font ',9'
set multiplot layout 1,3 title 'mean over seeds, band = mean +/- 1.96 s.e.'
set title 'Asterix-MinAtar, 10000000 steps'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'l1norm-rest.dat' index 0 using 1:3:4 with filledcurves lc rgb '#d62728' notitle, \
     'l1norm-rest.dat' index 0 using 1:2 with lines lw 2 dt 1 lc rgb '#d62728' title 'scorer-ddqn, final_l1norm=0 (3 seeds)', \
     'l1norm-rest.dat' index 1 using 1:3:4 with filledcurves lc rgb '#1f77b4' notitle, \
     'l1norm-rest.dat' index 1 using 1:2 with lines lw 2 dt 2 lc rgb '#1f77b4' title 'ddqn, final_l1norm=0 (3 seeds)', \
     'l1norm-rest.dat' index 2 using 1:3:4 with filledcurves lc rgb '#2ca02c' notitle, \
     'l1norm-rest.dat' index 2 using 1:2 with lines lw 2 dt 1 lc rgb '#2ca02c' title 'scorer-dueling-ddqn, final_l1norm=0 (3 seeds)', \
     'l1norm-rest.dat' index 3 using 1:3:4 with filledcurves lc rgb '#ff7f0e' notitle, \
     'l1norm-rest.dat' index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#ff7f0e' title 'dueling-ddqn, final_l1norm=0 (3 seeds)', \
     'l1norm-rest.dat' index 4 using 1:3:4 with filledcurves lc rgb '#9467bd' notitle, \
     'l1norm-rest.dat' index 4 using 1:2 with lines lw 2 dt 1 lc rgb '#9467bd' title 'scorer-ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 5 using 1:3:4 with filledcurves lc rgb '#8c564b' notitle, \
     'l1norm-rest.dat' index 5 using 1:2 with lines lw 2 dt 2 lc rgb '#8c564b' title 'ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 6 using 1:3:4 with filledcurves lc rgb '#e377c2' notitle, \
     'l1norm-rest.dat' index 6 using 1:2 with lines lw 2 dt 1 lc rgb '#e377c2' title 'scorer-dueling-ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 7 using 1:3:4 with filledcurves lc rgb '#17becf' notitle, \
     'l1norm-rest.dat' index 7 using 1:2 with lines lw 2 dt 2 lc rgb '#17becf' title 'dueling-ddqn, final_l1norm=1 (3 seeds)'
set title 'Freeway-MinAtar, 10000000 steps'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'l1norm-rest.dat' index 8 using 1:3:4 with filledcurves lc rgb '#d62728' notitle, \
     'l1norm-rest.dat' index 8 using 1:2 with lines lw 2 dt 1 lc rgb '#d62728' title 'scorer-ddqn, final_l1norm=0 (3 seeds)', \
     'l1norm-rest.dat' index 9 using 1:3:4 with filledcurves lc rgb '#1f77b4' notitle, \
     'l1norm-rest.dat' index 9 using 1:2 with lines lw 2 dt 2 lc rgb '#1f77b4' title 'ddqn, final_l1norm=0 (3 seeds)', \
     'l1norm-rest.dat' index 10 using 1:3:4 with filledcurves lc rgb '#2ca02c' notitle, \
     'l1norm-rest.dat' index 10 using 1:2 with lines lw 2 dt 1 lc rgb '#2ca02c' title 'scorer-dueling-ddqn, final_l1norm=0 (3 seeds)', \
     'l1norm-rest.dat' index 11 using 1:3:4 with filledcurves lc rgb '#ff7f0e' notitle, \
     'l1norm-rest.dat' index 11 using 1:2 with lines lw 2 dt 2 lc rgb '#ff7f0e' title 'dueling-ddqn, final_l1norm=0 (3 seeds)', \
     'l1norm-rest.dat' index 12 using 1:3:4 with filledcurves lc rgb '#9467bd' notitle, \
     'l1norm-rest.dat' index 12 using 1:2 with lines lw 2 dt 1 lc rgb '#9467bd' title 'scorer-ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 13 using 1:3:4 with filledcurves lc rgb '#8c564b' notitle, \
     'l1norm-rest.dat' index 13 using 1:2 with lines lw 2 dt 2 lc rgb '#8c564b' title 'ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 14 using 1:3:4 with filledcurves lc rgb '#e377c2' notitle, \
     'l1norm-rest.dat' index 14 using 1:2 with lines lw 2 dt 1 lc rgb '#e377c2' title 'scorer-dueling-ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 15 using 1:3:4 with filledcurves lc rgb '#17becf' notitle, \
     'l1norm-rest.dat' index 15 using 1:2 with lines lw 2 dt 2 lc rgb '#17becf' title 'dueling-ddqn, final_l1norm=1 (3 seeds)'
set title 'Seaquest-MinAtar, 10000000 steps'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'l1norm-rest.dat' index 16 using 1:3:4 with filledcurves lc rgb '#d62728' notitle, \
     'l1norm-rest.dat' index 16 using 1:2 with lines lw 2 dt 1 lc rgb '#d62728' title 'scorer-ddqn, final_l1norm=0 (3 seeds)', \
     'l1norm-rest.dat' index 17 using 1:3:4 with filledcurves lc rgb '#1f77b4' notitle, \
     'l1norm-rest.dat' index 17 using 1:2 with lines lw 2 dt 2 lc rgb '#1f77b4' title 'ddqn, final_l1norm=0 (3 seeds)', \
     'l1norm-rest.dat' index 18 using 1:3:4 with filledcurves lc rgb '#2ca02c' notitle, \
     'l1norm-rest.dat' index 18 using 1:2 with lines lw 2 dt 1 lc rgb '#2ca02c' title 'scorer-dueling-ddqn, final_l1norm=0 (3 seeds)', \
     'l1norm-rest.dat' index 19 using 1:3:4 with filledcurves lc rgb '#ff7f0e' notitle, \
     'l1norm-rest.dat' index 19 using 1:2 with lines lw 2 dt 2 lc rgb '#ff7f0e' title 'dueling-ddqn, final_l1norm=0 (3 seeds)', \
     'l1norm-rest.dat' index 20 using 1:3:4 with filledcurves lc rgb '#9467bd' notitle, \
     'l1norm-rest.dat' index 20 using 1:2 with lines lw 2 dt 1 lc rgb '#9467bd' title 'scorer-ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 21 using 1:3:4 with filledcurves lc rgb '#8c564b' notitle, \
     'l1norm-rest.dat' index 21 using 1:2 with lines lw 2 dt 2 lc rgb '#8c564b' title 'ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 22 using 1:3:4 with filledcurves lc rgb '#e377c2' notitle, \
     'l1norm-rest.dat' index 22 using 1:2 with lines lw 2 dt 1 lc rgb '#e377c2' title 'scorer-dueling-ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 23 using 1:3:4 with filledcurves lc rgb '#17becf' notitle, \
     'l1norm-rest.dat' index 23 using 1:2 with lines lw 2 dt 2 lc rgb '#17becf' title 'dueling-ddqn, final_l1norm=1 (3 seeds)'
unset multiplot
set terminal svg size 1560,548 dynamic noenhanced font 'sans,11' background rgb 'white'
set output 'l1norm-rest.svg.tmp'
set multiplot layout 1,3 title 'mean over seeds, band = mean +/- 1.96 s.e.'
set title 'Asterix-MinAtar, 10000000 steps'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'l1norm-rest.dat' index 0 using 1:3:4 with filledcurves lc rgb '#d62728' notitle, \
     'l1norm-rest.dat' index 0 using 1:2 with lines lw 2 dt 1 lc rgb '#d62728' title 'scorer-ddqn, final_l1norm=0 (3 seeds)', \
     'l1norm-rest.dat' index 1 using 1:3:4 with filledcurves lc rgb '#1f77b4' notitle, \
     'l1norm-rest.dat' index 1 using 1:2 with lines lw 2 dt 2 lc rgb '#1f77b4' title 'ddqn, final_l1norm=0 (3 seeds)', \
     'l1norm-rest.dat' index 2 using 1:3:4 with filledcurves lc rgb '#2ca02c' notitle, \
     'l1norm-rest.dat' index 2 using 1:2 with lines lw 2 dt 1 lc rgb '#2ca02c' title 'scorer-dueling-ddqn, final_l1norm=0 (3 seeds)', \
     'l1norm-rest.dat' index 3 using 1:3:4 with filledcurves lc rgb '#ff7f0e' notitle, \
     'l1norm-rest.dat' index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#ff7f0e' title 'dueling-ddqn, final_l1norm=0 (3 seeds)', \
     'l1norm-rest.dat' index 4 using 1:3:4 with filledcurves lc rgb '#9467bd' notitle, \
     'l1norm-rest.dat' index 4 using 1:2 with lines lw 2 dt 1 lc rgb '#9467bd' title 'scorer-ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 5 using 1:3:4 with filledcurves lc rgb '#8c564b' notitle, \
     'l1norm-rest.dat' index 5 using 1:2 with lines lw 2 dt 2 lc rgb '#8c564b' title 'ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 6 using 1:3:4 with filledcurves lc rgb '#e377c2' notitle, \
     'l1norm-rest.dat' index 6 using 1:2 with lines lw 2 dt 1 lc rgb '#e377c2' title 'scorer-dueling-ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 7 using 1:3:4 with filledcurves lc rgb '#17becf' notitle, \
     'l1norm-rest.dat' index 7 using 1:2 with lines lw 2 dt 2 lc rgb '#17becf' title 'dueling-ddqn, final_l1norm=1 (3 seeds)'
set title 'Freeway-MinAtar, 10000000 steps'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'l1norm-rest.dat' index 8 using 1:3:4 with filledcurves lc rgb '#d62728' notitle, \
     'l1norm-rest.dat' index 8 using 1:2 with lines lw 2 dt 1 lc rgb '#d62728' title 'scorer-ddqn, final_l1norm=0 (3 seeds)', \
     'l1norm-rest.dat' index 9 using 1:3:4 with filledcurves lc rgb '#1f77b4' notitle, \
     'l1norm-rest.dat' index 9 using 1:2 with lines lw 2 dt 2 lc rgb '#1f77b4' title 'ddqn, final_l1norm=0 (3 seeds)', \
     'l1norm-rest.dat' index 10 using 1:3:4 with filledcurves lc rgb '#2ca02c' notitle, \
     'l1norm-rest.dat' index 10 using 1:2 with lines lw 2 dt 1 lc rgb '#2ca02c' title 'scorer-dueling-ddqn, final_l1norm=0 (3 seeds)', \
     'l1norm-rest.dat' index 11 using 1:3:4 with filledcurves lc rgb '#ff7f0e' notitle, \
     'l1norm-rest.dat' index 11 using 1:2 with lines lw 2 dt 2 lc rgb '#ff7f0e' title 'dueling-ddqn, final_l1norm=0 (3 seeds)', \
     'l1norm-rest.dat' index 12 using 1:3:4 with filledcurves lc rgb '#9467bd' notitle, \
     'l1norm-rest.dat' index 12 using 1:2 with lines lw 2 dt 1 lc rgb '#9467bd' title 'scorer-ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 13 using 1:3:4 with filledcurves lc rgb '#8c564b' notitle, \
     'l1norm-rest.dat' index 13 using 1:2 with lines lw 2 dt 2 lc rgb '#8c564b' title 'ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 14 using 1:3:4 with filledcurves lc rgb '#e377c2' notitle, \
     'l1norm-rest.dat' index 14 using 1:2 with lines lw 2 dt 1 lc rgb '#e377c2' title 'scorer-dueling-ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 15 using 1:3:4 with filledcurves lc rgb '#17becf' notitle, \
     'l1norm-rest.dat' index 15 using 1:2 with lines lw 2 dt 2 lc rgb '#17becf' title 'dueling-ddqn, final_l1norm=1 (3 seeds)'
set title 'Seaquest-MinAtar, 10000000 steps'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'l1norm-rest.dat' index 16 using 1:3:4 with filledcurves lc rgb '#d62728' notitle, \
     'l1norm-rest.dat' index 16 using 1:2 with lines lw 2 dt 1 lc rgb '#d62728' title 'scorer-ddqn, final_l1norm=0 (3 seeds)', \
     'l1norm-rest.dat' index 17 using 1:3:4 with filledcurves lc rgb '#1f77b4' notitle, \
     'l1norm-rest.dat' index 17 using 1:2 with lines lw 2 dt 2 lc rgb '#1f77b4' title 'ddqn, final_l1norm=0 (3 seeds)', \
     'l1norm-rest.dat' index 18 using 1:3:4 with filledcurves lc rgb '#2ca02c' notitle, \
     'l1norm-rest.dat' index 18 using 1:2 with lines lw 2 dt 1 lc rgb '#2ca02c' title 'scorer-dueling-ddqn, final_l1norm=0 (3 seeds)', \
     'l1norm-rest.dat' index 19 using 1:3:4 with filledcurves lc rgb '#ff7f0e' notitle, \
     'l1norm-rest.dat' index 19 using 1:2 with lines lw 2 dt 2 lc rgb '#ff7f0e' title 'dueling-ddqn, final_l1norm=0 (3 seeds)', \
     'l1norm-rest.dat' index 20 using 1:3:4 with filledcurves lc rgb '#9467bd' notitle, \
     'l1norm-rest.dat' index 20 using 1:2 with lines lw 2 dt 1 lc rgb '#9467bd' title 'scorer-ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 21 using 1:3:4 with filledcurves lc rgb '#8c564b' notitle, \
     'l1norm-rest.dat' index 21 using 1:2 with lines lw 2 dt 2 lc rgb '#8c564b' title 'ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 22 using 1:3:4 with filledcurves lc rgb '#e377c2' notitle, \
     'l1norm-rest.dat' index 22 using 1:2 with lines lw 2 dt 1 lc rgb '#e377c2' title 'scorer-dueling-ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 23 using 1:3:4 with filledcurves lc rgb '#17becf' notitle, \
     'l1norm-rest.dat' index 23 using 1:2 with lines lw 2 dt 2 lc rgb '#17becf' title 'dueling-ddqn, final_l1norm=1 (3 seeds)'
unset multiplot
unset output
