# scorer learning curves; run inside this folder: gnuplot minatar-five.gp
if (!exists('scorer_png')) scorer_png = 'minatar-five.png'
if (!exists('scorer_svg')) scorer_svg = 'minatar-five.svg'
if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {
    set terminal pngcairo size 1560,800 noenhanced font 'sans,11'
} else {
    set terminal png size 1560,800 noenhanced truecolor
}
set output scorer_png
set xlabel 'timesteps'
set ylabel 'episode return (training, with exploration)'
set grid
set style fill transparent solid 0.18 noborder
set multiplot layout 2,3 title 'mean over seeds, band = 95% bootstrap CI of the mean'
set title 'Breakout-MinAtar, 10M steps'
set key bottom right font ',9'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'minatar-five.dat' index 0 using 1:3:4 with filledcurves lc rgb '#D55E00' notitle, \
     'minatar-five.dat' index 0 using 1:2 with lines lw 2 dt 1 lc rgb '#D55E00' title 'scorer-dqn (3 seeds)', \
     'minatar-five.dat' index 1 using 1:3:4 with filledcurves lc rgb '#0072B2' notitle, \
     'minatar-five.dat' index 1 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'dqn (3 seeds)'
set title 'SpaceInvaders-MinAtar, 10M steps'
set key bottom right font ',9'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'minatar-five.dat' index 2 using 1:3:4 with filledcurves lc rgb '#D55E00' notitle, \
     'minatar-five.dat' index 2 using 1:2 with lines lw 2 dt 1 lc rgb '#D55E00' title 'scorer-dqn (3 seeds)', \
     'minatar-five.dat' index 3 using 1:3:4 with filledcurves lc rgb '#0072B2' notitle, \
     'minatar-five.dat' index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'dqn (3 seeds)'
set title 'Asterix-MinAtar, 10M steps'
set key top left font ',9'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'minatar-five.dat' index 4 using 1:3:4 with filledcurves lc rgb '#D55E00' notitle, \
     'minatar-five.dat' index 4 using 1:2 with lines lw 2 dt 1 lc rgb '#D55E00' title 'scorer-dqn (3 seeds)', \
     'minatar-five.dat' index 5 using 1:3:4 with filledcurves lc rgb '#0072B2' notitle, \
     'minatar-five.dat' index 5 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'dqn (3 seeds)'
set title 'Freeway-MinAtar, 10M steps'
set key bottom right font ',9'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'minatar-five.dat' index 6 using 1:3:4 with filledcurves lc rgb '#D55E00' notitle, \
     'minatar-five.dat' index 6 using 1:2 with lines lw 2 dt 1 lc rgb '#D55E00' title 'scorer-dqn (3 seeds)', \
     'minatar-five.dat' index 7 using 1:3:4 with filledcurves lc rgb '#0072B2' notitle, \
     'minatar-five.dat' index 7 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'dqn (3 seeds)'
set title 'Seaquest-MinAtar, 10M steps'
set key top left font ',9'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'minatar-five.dat' index 8 using 1:3:4 with filledcurves lc rgb '#D55E00' notitle, \
     'minatar-five.dat' index 8 using 1:2 with lines lw 2 dt 1 lc rgb '#D55E00' title 'scorer-dqn (3 seeds)', \
     'minatar-five.dat' index 9 using 1:3:4 with filledcurves lc rgb '#0072B2' notitle, \
     'minatar-five.dat' index 9 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'dqn (3 seeds)'
unset multiplot
set terminal svg size 1560,800 dynamic noenhanced font 'sans,11' background rgb 'white'
set output scorer_svg
set multiplot layout 2,3 title 'mean over seeds, band = 95% bootstrap CI of the mean'
set title 'Breakout-MinAtar, 10M steps'
set key bottom right font ',9'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'minatar-five.dat' index 0 using 1:3:4 with filledcurves lc rgb '#D55E00' notitle, \
     'minatar-five.dat' index 0 using 1:2 with lines lw 2 dt 1 lc rgb '#D55E00' title 'scorer-dqn (3 seeds)', \
     'minatar-five.dat' index 1 using 1:3:4 with filledcurves lc rgb '#0072B2' notitle, \
     'minatar-five.dat' index 1 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'dqn (3 seeds)'
set title 'SpaceInvaders-MinAtar, 10M steps'
set key bottom right font ',9'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'minatar-five.dat' index 2 using 1:3:4 with filledcurves lc rgb '#D55E00' notitle, \
     'minatar-five.dat' index 2 using 1:2 with lines lw 2 dt 1 lc rgb '#D55E00' title 'scorer-dqn (3 seeds)', \
     'minatar-five.dat' index 3 using 1:3:4 with filledcurves lc rgb '#0072B2' notitle, \
     'minatar-five.dat' index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'dqn (3 seeds)'
set title 'Asterix-MinAtar, 10M steps'
set key top left font ',9'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'minatar-five.dat' index 4 using 1:3:4 with filledcurves lc rgb '#D55E00' notitle, \
     'minatar-five.dat' index 4 using 1:2 with lines lw 2 dt 1 lc rgb '#D55E00' title 'scorer-dqn (3 seeds)', \
     'minatar-five.dat' index 5 using 1:3:4 with filledcurves lc rgb '#0072B2' notitle, \
     'minatar-five.dat' index 5 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'dqn (3 seeds)'
set title 'Freeway-MinAtar, 10M steps'
set key bottom right font ',9'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'minatar-five.dat' index 6 using 1:3:4 with filledcurves lc rgb '#D55E00' notitle, \
     'minatar-five.dat' index 6 using 1:2 with lines lw 2 dt 1 lc rgb '#D55E00' title 'scorer-dqn (3 seeds)', \
     'minatar-five.dat' index 7 using 1:3:4 with filledcurves lc rgb '#0072B2' notitle, \
     'minatar-five.dat' index 7 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'dqn (3 seeds)'
set title 'Seaquest-MinAtar, 10M steps'
set key top left font ',9'
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'minatar-five.dat' index 8 using 1:3:4 with filledcurves lc rgb '#D55E00' notitle, \
     'minatar-five.dat' index 8 using 1:2 with lines lw 2 dt 1 lc rgb '#D55E00' title 'scorer-dqn (3 seeds)', \
     'minatar-five.dat' index 9 using 1:3:4 with filledcurves lc rgb '#0072B2' notitle, \
     'minatar-five.dat' index 9 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'dqn (3 seeds)'
unset multiplot
unset output
