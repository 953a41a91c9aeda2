# scorer learning curves; run inside this folder: gnuplot scorer-l1norm.gp
if (!exists('scorer_png')) scorer_png = 'scorer-l1norm.png'
if (!exists('scorer_svg')) scorer_svg = 'scorer-l1norm.svg'
if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {
    set terminal pngcairo size 1040,484 noenhanced font 'sans,11'
} else {
    set terminal png size 1040,484 noenhanced truecolor
}
set output scorer_png
set xlabel 'timesteps'
set ylabel 'episode return (training, with exploration)'
set grid
set style fill transparent solid 0.18 noborder
set key outside below center vertical maxrows 4 font ',9'
set bmargin 7.5
set multiplot layout 1,2 title 'mean over seeds, band = 95% bootstrap CI of the mean'
set title 'Breakout-MinAtar, 10M steps'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'scorer-l1norm.dat' index 0 using 1:3:4 with filledcurves lc rgb '#D55E00' notitle, \
     'scorer-l1norm.dat' index 0 using 1:2 with lines lw 2 dt 1 lc rgb '#D55E00' title 'scorer-ddqn, final_l1norm=0 (10 seeds)', \
     'scorer-l1norm.dat' index 1 using 1:3:4 with filledcurves lc rgb '#0072B2' notitle, \
     'scorer-l1norm.dat' index 1 using 1:2 with lines lw 2 dt 1 lc rgb '#0072B2' title 'scorer-dueling-ddqn, final_l1norm=0 (10 seeds)', \
     'scorer-l1norm.dat' index 2 using 1:3:4 with filledcurves lc rgb '#009E73' notitle, \
     'scorer-l1norm.dat' index 2 using 1:2 with lines lw 2 dt 1 lc rgb '#009E73' title 'scorer-ddqn, final_l1norm=1 (3 seeds)', \
     'scorer-l1norm.dat' index 3 using 1:3:4 with filledcurves lc rgb '#E69F00' notitle, \
     'scorer-l1norm.dat' index 3 using 1:2 with lines lw 2 dt 1 lc rgb '#E69F00' title 'scorer-dueling-ddqn, final_l1norm=1 (3 seeds)'
set title 'SpaceInvaders-MinAtar, 10M steps'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'scorer-l1norm.dat' index 4 using 1:3:4 with filledcurves lc rgb '#D55E00' notitle, \
     'scorer-l1norm.dat' index 4 using 1:2 with lines lw 2 dt 1 lc rgb '#D55E00' title 'scorer-ddqn, final_l1norm=0 (10 seeds)', \
     'scorer-l1norm.dat' index 5 using 1:3:4 with filledcurves lc rgb '#0072B2' notitle, \
     'scorer-l1norm.dat' index 5 using 1:2 with lines lw 2 dt 1 lc rgb '#0072B2' title 'scorer-dueling-ddqn, final_l1norm=0 (10 seeds)', \
     'scorer-l1norm.dat' index 6 using 1:3:4 with filledcurves lc rgb '#009E73' notitle, \
     'scorer-l1norm.dat' index 6 using 1:2 with lines lw 2 dt 1 lc rgb '#009E73' title 'scorer-ddqn, final_l1norm=1 (3 seeds)', \
     'scorer-l1norm.dat' index 7 using 1:3:4 with filledcurves lc rgb '#E69F00' notitle, \
     'scorer-l1norm.dat' index 7 using 1:2 with lines lw 2 dt 1 lc rgb '#E69F00' title 'scorer-dueling-ddqn, final_l1norm=1 (3 seeds)'
unset multiplot
set terminal svg size 1040,484 dynamic noenhanced font 'sans,11' background rgb 'white'
set output scorer_svg
set multiplot layout 1,2 title 'mean over seeds, band = 95% bootstrap CI of the mean'
set title 'Breakout-MinAtar, 10M steps'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'scorer-l1norm.dat' index 0 using 1:3:4 with filledcurves lc rgb '#D55E00' notitle, \
     'scorer-l1norm.dat' index 0 using 1:2 with lines lw 2 dt 1 lc rgb '#D55E00' title 'scorer-ddqn, final_l1norm=0 (10 seeds)', \
     'scorer-l1norm.dat' index 1 using 1:3:4 with filledcurves lc rgb '#0072B2' notitle, \
     'scorer-l1norm.dat' index 1 using 1:2 with lines lw 2 dt 1 lc rgb '#0072B2' title 'scorer-dueling-ddqn, final_l1norm=0 (10 seeds)', \
     'scorer-l1norm.dat' index 2 using 1:3:4 with filledcurves lc rgb '#009E73' notitle, \
     'scorer-l1norm.dat' index 2 using 1:2 with lines lw 2 dt 1 lc rgb '#009E73' title 'scorer-ddqn, final_l1norm=1 (3 seeds)', \
     'scorer-l1norm.dat' index 3 using 1:3:4 with filledcurves lc rgb '#E69F00' notitle, \
     'scorer-l1norm.dat' index 3 using 1:2 with lines lw 2 dt 1 lc rgb '#E69F00' title 'scorer-dueling-ddqn, final_l1norm=1 (3 seeds)'
set title 'SpaceInvaders-MinAtar, 10M steps'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'scorer-l1norm.dat' index 4 using 1:3:4 with filledcurves lc rgb '#D55E00' notitle, \
     'scorer-l1norm.dat' index 4 using 1:2 with lines lw 2 dt 1 lc rgb '#D55E00' title 'scorer-ddqn, final_l1norm=0 (10 seeds)', \
     'scorer-l1norm.dat' index 5 using 1:3:4 with filledcurves lc rgb '#0072B2' notitle, \
     'scorer-l1norm.dat' index 5 using 1:2 with lines lw 2 dt 1 lc rgb '#0072B2' title 'scorer-dueling-ddqn, final_l1norm=0 (10 seeds)', \
     'scorer-l1norm.dat' index 6 using 1:3:4 with filledcurves lc rgb '#009E73' notitle, \
     'scorer-l1norm.dat' index 6 using 1:2 with lines lw 2 dt 1 lc rgb '#009E73' title 'scorer-ddqn, final_l1norm=1 (3 seeds)', \
     'scorer-l1norm.dat' index 7 using 1:3:4 with filledcurves lc rgb '#E69F00' notitle, \
     'scorer-l1norm.dat' index 7 using 1:2 with lines lw 2 dt 1 lc rgb '#E69F00' title 'scorer-dueling-ddqn, final_l1norm=1 (3 seeds)'
unset multiplot
unset output
