# scorer learning curves; run inside this folder: gnuplot scorer-l1norm.gp
if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {
    set terminal pngcairo size 1040,420 noenhanced font 'sans,11'
} else {
    set terminal png size 1040,420 noenhanced truecolor
}
set output 'scorer-l1norm.png.tmp'
set xlabel 'timesteps'
set ylabel 'episode return'
set grid
set style fill transparent solid 0.18 noborder
set multiplot layout 1,2 title 'mean over seeds, band = mean +/- 1.96 s.e.'
set title 'Breakout-MinAtar, 10000000 steps'
set key top left font ',9'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'scorer-l1norm.dat' index 0 using 1:3:4 with filledcurves lc rgb '#d62728' notitle, \
     'scorer-l1norm.dat' index 0 using 1:2 with lines lw 2 dt 1 lc rgb '#d62728' title 'scorer-ddqn, final_l1norm=0 (3 seeds)', \
     'scorer-l1norm.dat' index 1 using 1:3:4 with filledcurves lc rgb '#1f77b4' notitle, \
     'scorer-l1norm.dat' index 1 using 1:2 with lines lw 2 dt 1 lc rgb '#1f77b4' title 'scorer-dueling-ddqn, final_l1norm=0 (3 seeds)', \
     'scorer-l1norm.dat' index 2 using 1:3:4 with filledcurves lc rgb '#2ca02c' notitle, \
     'scorer-l1norm.dat' index 2 using 1:2 with lines lw 2 dt 1 lc rgb '#2ca02c' title 'scorer-ddqn, final_l1norm=1 (3 seeds)', \
     'scorer-l1norm.dat' index 3 using 1:3:4 with filledcurves lc rgb '#ff7f0e' notitle, \
     'scorer-l1norm.dat' index 3 using 1:2 with lines lw 2 dt 1 lc rgb '#ff7f0e' title 'scorer-dueling-ddqn, final_l1norm=1 (3 seeds)'
set title 'SpaceInvaders-MinAtar, 10000000 steps'
set key top left font ',9'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'scorer-l1norm.dat' index 4 using 1:3:4 with filledcurves lc rgb '#d62728' notitle, \
     'scorer-l1norm.dat' index 4 using 1:2 with lines lw 2 dt 1 lc rgb '#d62728' title 'scorer-ddqn, final_l1norm=0 (3 seeds)', \
     'scorer-l1norm.dat' index 5 using 1:3:4 with filledcurves lc rgb '#1f77b4' notitle, \
     'scorer-l1norm.dat' index 5 using 1:2 with lines lw 2 dt 1 lc rgb '#1f77b4' title 'scorer-dueling-ddqn, final_l1norm=0 (3 seeds)', \
     'scorer-l1norm.dat' index 6 using 1:3:4 with filledcurves lc rgb '#2ca02c' notitle, \
     'scorer-l1norm.dat' index 6 using 1:2 with lines lw 2 dt 1 lc rgb '#2ca02c' title 'scorer-ddqn, final_l1norm=1 (3 seeds)', \
     'scorer-l1norm.dat' index 7 using 1:3:4 with filledcurves lc rgb '#ff7f0e' notitle, \
     'scorer-l1norm.dat' index 7 using 1:2 with lines lw 2 dt 1 lc rgb '#ff7f0e' title 'scorer-dueling-ddqn, final_l1norm=1 (3 seeds)'
unset multiplot
set terminal svg size 1040,420 dynamic noenhanced font 'sans,11' background rgb 'white'
set output 'scorer-l1norm.svg.tmp'
set multiplot layout 1,2 title 'mean over seeds, band = mean +/- 1.96 s.e.'
set title 'Breakout-MinAtar, 10000000 steps'
set key top left font ',9'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'scorer-l1norm.dat' index 0 using 1:3:4 with filledcurves lc rgb '#d62728' notitle, \
     'scorer-l1norm.dat' index 0 using 1:2 with lines lw 2 dt 1 lc rgb '#d62728' title 'scorer-ddqn, final_l1norm=0 (3 seeds)', \
     'scorer-l1norm.dat' index 1 using 1:3:4 with filledcurves lc rgb '#1f77b4' notitle, \
     'scorer-l1norm.dat' index 1 using 1:2 with lines lw 2 dt 1 lc rgb '#1f77b4' title 'scorer-dueling-ddqn, final_l1norm=0 (3 seeds)', \
     'scorer-l1norm.dat' index 2 using 1:3:4 with filledcurves lc rgb '#2ca02c' notitle, \
     'scorer-l1norm.dat' index 2 using 1:2 with lines lw 2 dt 1 lc rgb '#2ca02c' title 'scorer-ddqn, final_l1norm=1 (3 seeds)', \
     'scorer-l1norm.dat' index 3 using 1:3:4 with filledcurves lc rgb '#ff7f0e' notitle, \
     'scorer-l1norm.dat' index 3 using 1:2 with lines lw 2 dt 1 lc rgb '#ff7f0e' title 'scorer-dueling-ddqn, final_l1norm=1 (3 seeds)'
set title 'SpaceInvaders-MinAtar, 10000000 steps'
set key top left font ',9'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'scorer-l1norm.dat' index 4 using 1:3:4 with filledcurves lc rgb '#d62728' notitle, \
     'scorer-l1norm.dat' index 4 using 1:2 with lines lw 2 dt 1 lc rgb '#d62728' title 'scorer-ddqn, final_l1norm=0 (3 seeds)', \
     'scorer-l1norm.dat' index 5 using 1:3:4 with filledcurves lc rgb '#1f77b4' notitle, \
     'scorer-l1norm.dat' index 5 using 1:2 with lines lw 2 dt 1 lc rgb '#1f77b4' title 'scorer-dueling-ddqn, final_l1norm=0 (3 seeds)', \
     'scorer-l1norm.dat' index 6 using 1:3:4 with filledcurves lc rgb '#2ca02c' notitle, \
     'scorer-l1norm.dat' index 6 using 1:2 with lines lw 2 dt 1 lc rgb '#2ca02c' title 'scorer-ddqn, final_l1norm=1 (3 seeds)', \
     'scorer-l1norm.dat' index 7 using 1:3:4 with filledcurves lc rgb '#ff7f0e' notitle, \
     'scorer-l1norm.dat' index 7 using 1:2 with lines lw 2 dt 1 lc rgb '#ff7f0e' title 'scorer-dueling-ddqn, final_l1norm=1 (3 seeds)'
unset multiplot
unset output
