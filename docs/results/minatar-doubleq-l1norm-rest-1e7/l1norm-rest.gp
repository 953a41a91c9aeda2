# scorer learning curves; run inside this folder: gnuplot l1norm-rest.gp
if (!exists('scorer_png')) scorer_png = 'l1norm-rest.png'
if (!exists('scorer_svg')) scorer_svg = 'l1norm-rest.svg'
if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {
    set terminal pngcairo size 1560,548 noenhanced font 'sans,11'
} else {
    set terminal png size 1560,548 noenhanced truecolor
}
set output scorer_png
set xlabel 'timesteps'
set ylabel 'episode return (training, with exploration)'
set grid
set style fill transparent solid 0.18 noborder
set key outside below center vertical maxrows 8 font ',9'
set bmargin 11.5
set multiplot layout 1,3 title 'mean over seeds, band = 95% bootstrap CI of the mean'
set title 'Asterix-MinAtar, 10M steps'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'l1norm-rest.dat' index 0 using 1:3:4 with filledcurves lc rgb '#D55E00' notitle, \
     'l1norm-rest.dat' index 0 using 1:2 with lines lw 2 dt 1 lc rgb '#D55E00' title 'scorer-ddqn, final_l1norm=0 (10 seeds)', \
     'l1norm-rest.dat' index 1 using 1:3:4 with filledcurves lc rgb '#0072B2' notitle, \
     'l1norm-rest.dat' index 1 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'ddqn, final_l1norm=0 (10 seeds)', \
     'l1norm-rest.dat' index 2 using 1:3:4 with filledcurves lc rgb '#009E73' notitle, \
     'l1norm-rest.dat' index 2 using 1:2 with lines lw 2 dt 1 lc rgb '#009E73' title 'scorer-dueling-ddqn, final_l1norm=0 (10 seeds)', \
     'l1norm-rest.dat' index 3 using 1:3:4 with filledcurves lc rgb '#E69F00' notitle, \
     'l1norm-rest.dat' index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#E69F00' title 'dueling-ddqn, final_l1norm=0 (10 seeds)', \
     'l1norm-rest.dat' index 4 using 1:3:4 with filledcurves lc rgb '#CC79A7' notitle, \
     'l1norm-rest.dat' index 4 using 1:2 with lines lw 2 dt 1 lc rgb '#CC79A7' title 'scorer-ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 5 using 1:3:4 with filledcurves lc rgb '#56B4E9' notitle, \
     'l1norm-rest.dat' index 5 using 1:2 with lines lw 2 dt 2 lc rgb '#56B4E9' title 'ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 6 using 1:3:4 with filledcurves lc rgb '#882255' notitle, \
     'l1norm-rest.dat' index 6 using 1:2 with lines lw 2 dt 1 lc rgb '#882255' title 'scorer-dueling-ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 7 using 1:3:4 with filledcurves lc rgb '#332288' notitle, \
     'l1norm-rest.dat' index 7 using 1:2 with lines lw 2 dt 2 lc rgb '#332288' title 'dueling-ddqn, final_l1norm=1 (3 seeds)'
set title 'Freeway-MinAtar, 10M steps'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'l1norm-rest.dat' index 8 using 1:3:4 with filledcurves lc rgb '#D55E00' notitle, \
     'l1norm-rest.dat' index 8 using 1:2 with lines lw 2 dt 1 lc rgb '#D55E00' title 'scorer-ddqn, final_l1norm=0 (10 seeds)', \
     'l1norm-rest.dat' index 9 using 1:3:4 with filledcurves lc rgb '#0072B2' notitle, \
     'l1norm-rest.dat' index 9 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'ddqn, final_l1norm=0 (10 seeds)', \
     'l1norm-rest.dat' index 10 using 1:3:4 with filledcurves lc rgb '#009E73' notitle, \
     'l1norm-rest.dat' index 10 using 1:2 with lines lw 2 dt 1 lc rgb '#009E73' title 'scorer-dueling-ddqn, final_l1norm=0 (10 seeds)', \
     'l1norm-rest.dat' index 11 using 1:3:4 with filledcurves lc rgb '#E69F00' notitle, \
     'l1norm-rest.dat' index 11 using 1:2 with lines lw 2 dt 2 lc rgb '#E69F00' title 'dueling-ddqn, final_l1norm=0 (10 seeds)', \
     'l1norm-rest.dat' index 12 using 1:3:4 with filledcurves lc rgb '#CC79A7' notitle, \
     'l1norm-rest.dat' index 12 using 1:2 with lines lw 2 dt 1 lc rgb '#CC79A7' title 'scorer-ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 13 using 1:3:4 with filledcurves lc rgb '#56B4E9' notitle, \
     'l1norm-rest.dat' index 13 using 1:2 with lines lw 2 dt 2 lc rgb '#56B4E9' title 'ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 14 using 1:3:4 with filledcurves lc rgb '#882255' notitle, \
     'l1norm-rest.dat' index 14 using 1:2 with lines lw 2 dt 1 lc rgb '#882255' title 'scorer-dueling-ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 15 using 1:3:4 with filledcurves lc rgb '#332288' notitle, \
     'l1norm-rest.dat' index 15 using 1:2 with lines lw 2 dt 2 lc rgb '#332288' title 'dueling-ddqn, final_l1norm=1 (3 seeds)'
set title 'Seaquest-MinAtar, 10M steps'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'l1norm-rest.dat' index 16 using 1:3:4 with filledcurves lc rgb '#D55E00' notitle, \
     'l1norm-rest.dat' index 16 using 1:2 with lines lw 2 dt 1 lc rgb '#D55E00' title 'scorer-ddqn, final_l1norm=0 (10 seeds)', \
     'l1norm-rest.dat' index 17 using 1:3:4 with filledcurves lc rgb '#0072B2' notitle, \
     'l1norm-rest.dat' index 17 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'ddqn, final_l1norm=0 (10 seeds)', \
     'l1norm-rest.dat' index 18 using 1:3:4 with filledcurves lc rgb '#009E73' notitle, \
     'l1norm-rest.dat' index 18 using 1:2 with lines lw 2 dt 1 lc rgb '#009E73' title 'scorer-dueling-ddqn, final_l1norm=0 (10 seeds)', \
     'l1norm-rest.dat' index 19 using 1:3:4 with filledcurves lc rgb '#E69F00' notitle, \
     'l1norm-rest.dat' index 19 using 1:2 with lines lw 2 dt 2 lc rgb '#E69F00' title 'dueling-ddqn, final_l1norm=0 (10 seeds)', \
     'l1norm-rest.dat' index 20 using 1:3:4 with filledcurves lc rgb '#CC79A7' notitle, \
     'l1norm-rest.dat' index 20 using 1:2 with lines lw 2 dt 1 lc rgb '#CC79A7' title 'scorer-ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 21 using 1:3:4 with filledcurves lc rgb '#56B4E9' notitle, \
     'l1norm-rest.dat' index 21 using 1:2 with lines lw 2 dt 2 lc rgb '#56B4E9' title 'ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 22 using 1:3:4 with filledcurves lc rgb '#882255' notitle, \
     'l1norm-rest.dat' index 22 using 1:2 with lines lw 2 dt 1 lc rgb '#882255' title 'scorer-dueling-ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 23 using 1:3:4 with filledcurves lc rgb '#332288' notitle, \
     'l1norm-rest.dat' index 23 using 1:2 with lines lw 2 dt 2 lc rgb '#332288' title 'dueling-ddqn, final_l1norm=1 (3 seeds)'
unset multiplot
set terminal svg size 1560,548 dynamic noenhanced font 'sans,11' background rgb 'white'
set output scorer_svg
set multiplot layout 1,3 title 'mean over seeds, band = 95% bootstrap CI of the mean'
set title 'Asterix-MinAtar, 10M steps'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'l1norm-rest.dat' index 0 using 1:3:4 with filledcurves lc rgb '#D55E00' notitle, \
     'l1norm-rest.dat' index 0 using 1:2 with lines lw 2 dt 1 lc rgb '#D55E00' title 'scorer-ddqn, final_l1norm=0 (10 seeds)', \
     'l1norm-rest.dat' index 1 using 1:3:4 with filledcurves lc rgb '#0072B2' notitle, \
     'l1norm-rest.dat' index 1 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'ddqn, final_l1norm=0 (10 seeds)', \
     'l1norm-rest.dat' index 2 using 1:3:4 with filledcurves lc rgb '#009E73' notitle, \
     'l1norm-rest.dat' index 2 using 1:2 with lines lw 2 dt 1 lc rgb '#009E73' title 'scorer-dueling-ddqn, final_l1norm=0 (10 seeds)', \
     'l1norm-rest.dat' index 3 using 1:3:4 with filledcurves lc rgb '#E69F00' notitle, \
     'l1norm-rest.dat' index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#E69F00' title 'dueling-ddqn, final_l1norm=0 (10 seeds)', \
     'l1norm-rest.dat' index 4 using 1:3:4 with filledcurves lc rgb '#CC79A7' notitle, \
     'l1norm-rest.dat' index 4 using 1:2 with lines lw 2 dt 1 lc rgb '#CC79A7' title 'scorer-ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 5 using 1:3:4 with filledcurves lc rgb '#56B4E9' notitle, \
     'l1norm-rest.dat' index 5 using 1:2 with lines lw 2 dt 2 lc rgb '#56B4E9' title 'ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 6 using 1:3:4 with filledcurves lc rgb '#882255' notitle, \
     'l1norm-rest.dat' index 6 using 1:2 with lines lw 2 dt 1 lc rgb '#882255' title 'scorer-dueling-ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 7 using 1:3:4 with filledcurves lc rgb '#332288' notitle, \
     'l1norm-rest.dat' index 7 using 1:2 with lines lw 2 dt 2 lc rgb '#332288' title 'dueling-ddqn, final_l1norm=1 (3 seeds)'
set title 'Freeway-MinAtar, 10M steps'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'l1norm-rest.dat' index 8 using 1:3:4 with filledcurves lc rgb '#D55E00' notitle, \
     'l1norm-rest.dat' index 8 using 1:2 with lines lw 2 dt 1 lc rgb '#D55E00' title 'scorer-ddqn, final_l1norm=0 (10 seeds)', \
     'l1norm-rest.dat' index 9 using 1:3:4 with filledcurves lc rgb '#0072B2' notitle, \
     'l1norm-rest.dat' index 9 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'ddqn, final_l1norm=0 (10 seeds)', \
     'l1norm-rest.dat' index 10 using 1:3:4 with filledcurves lc rgb '#009E73' notitle, \
     'l1norm-rest.dat' index 10 using 1:2 with lines lw 2 dt 1 lc rgb '#009E73' title 'scorer-dueling-ddqn, final_l1norm=0 (10 seeds)', \
     'l1norm-rest.dat' index 11 using 1:3:4 with filledcurves lc rgb '#E69F00' notitle, \
     'l1norm-rest.dat' index 11 using 1:2 with lines lw 2 dt 2 lc rgb '#E69F00' title 'dueling-ddqn, final_l1norm=0 (10 seeds)', \
     'l1norm-rest.dat' index 12 using 1:3:4 with filledcurves lc rgb '#CC79A7' notitle, \
     'l1norm-rest.dat' index 12 using 1:2 with lines lw 2 dt 1 lc rgb '#CC79A7' title 'scorer-ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 13 using 1:3:4 with filledcurves lc rgb '#56B4E9' notitle, \
     'l1norm-rest.dat' index 13 using 1:2 with lines lw 2 dt 2 lc rgb '#56B4E9' title 'ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 14 using 1:3:4 with filledcurves lc rgb '#882255' notitle, \
     'l1norm-rest.dat' index 14 using 1:2 with lines lw 2 dt 1 lc rgb '#882255' title 'scorer-dueling-ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 15 using 1:3:4 with filledcurves lc rgb '#332288' notitle, \
     'l1norm-rest.dat' index 15 using 1:2 with lines lw 2 dt 2 lc rgb '#332288' title 'dueling-ddqn, final_l1norm=1 (3 seeds)'
set title 'Seaquest-MinAtar, 10M steps'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'l1norm-rest.dat' index 16 using 1:3:4 with filledcurves lc rgb '#D55E00' notitle, \
     'l1norm-rest.dat' index 16 using 1:2 with lines lw 2 dt 1 lc rgb '#D55E00' title 'scorer-ddqn, final_l1norm=0 (10 seeds)', \
     'l1norm-rest.dat' index 17 using 1:3:4 with filledcurves lc rgb '#0072B2' notitle, \
     'l1norm-rest.dat' index 17 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'ddqn, final_l1norm=0 (10 seeds)', \
     'l1norm-rest.dat' index 18 using 1:3:4 with filledcurves lc rgb '#009E73' notitle, \
     'l1norm-rest.dat' index 18 using 1:2 with lines lw 2 dt 1 lc rgb '#009E73' title 'scorer-dueling-ddqn, final_l1norm=0 (10 seeds)', \
     'l1norm-rest.dat' index 19 using 1:3:4 with filledcurves lc rgb '#E69F00' notitle, \
     'l1norm-rest.dat' index 19 using 1:2 with lines lw 2 dt 2 lc rgb '#E69F00' title 'dueling-ddqn, final_l1norm=0 (10 seeds)', \
     'l1norm-rest.dat' index 20 using 1:3:4 with filledcurves lc rgb '#CC79A7' notitle, \
     'l1norm-rest.dat' index 20 using 1:2 with lines lw 2 dt 1 lc rgb '#CC79A7' title 'scorer-ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 21 using 1:3:4 with filledcurves lc rgb '#56B4E9' notitle, \
     'l1norm-rest.dat' index 21 using 1:2 with lines lw 2 dt 2 lc rgb '#56B4E9' title 'ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 22 using 1:3:4 with filledcurves lc rgb '#882255' notitle, \
     'l1norm-rest.dat' index 22 using 1:2 with lines lw 2 dt 1 lc rgb '#882255' title 'scorer-dueling-ddqn, final_l1norm=1 (3 seeds)', \
     'l1norm-rest.dat' index 23 using 1:3:4 with filledcurves lc rgb '#332288' notitle, \
     'l1norm-rest.dat' index 23 using 1:2 with lines lw 2 dt 2 lc rgb '#332288' title 'dueling-ddqn, final_l1norm=1 (3 seeds)'
unset multiplot
unset output
