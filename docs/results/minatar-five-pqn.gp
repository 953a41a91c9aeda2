# scorer learning curves; run inside this folder: gnuplot minatar-five-pqn.gp
if (!exists('scorer_png')) scorer_png = 'minatar-five-pqn.png'
if (!exists('scorer_svg')) scorer_svg = 'minatar-five-pqn.svg'
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
set title 'Breakout-MinAtar, 3M steps'
set key top left font ',9'
set xrange [0:3000000]
set xtics ("0" 0, "500k" 500000, "1M" 1000000, "1.5M" 1500000, "2M" 2000000, "2.5M" 2500000, "3M" 3000000)
plot 'minatar-five-pqn.dat' index 0 using 1:3:4 with filledcurves lc rgb '#AA4499' notitle, \
     'minatar-five-pqn.dat' index 0 using 1:2 with lines lw 2 dt 1 lc rgb '#AA4499' title 'scorer-pqn (10 seeds)', \
     'minatar-five-pqn.dat' index 1 using 1:3:4 with filledcurves lc rgb '#44AA99' notitle, \
     'minatar-five-pqn.dat' index 1 using 1:2 with lines lw 2 dt 2 lc rgb '#44AA99' title 'pqn (10 seeds)'
set title 'SpaceInvaders-MinAtar, 3M steps'
set key bottom right font ',9'
set xrange [0:3000000]
set xtics ("0" 0, "500k" 500000, "1M" 1000000, "1.5M" 1500000, "2M" 2000000, "2.5M" 2500000, "3M" 3000000)
plot 'minatar-five-pqn.dat' index 2 using 1:3:4 with filledcurves lc rgb '#AA4499' notitle, \
     'minatar-five-pqn.dat' index 2 using 1:2 with lines lw 2 dt 1 lc rgb '#AA4499' title 'scorer-pqn (10 seeds)', \
     'minatar-five-pqn.dat' index 3 using 1:3:4 with filledcurves lc rgb '#44AA99' notitle, \
     'minatar-five-pqn.dat' index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#44AA99' title 'pqn (10 seeds)'
set title 'Asterix-MinAtar, 3M steps'
set key bottom right font ',9'
set xrange [0:3000000]
set xtics ("0" 0, "500k" 500000, "1M" 1000000, "1.5M" 1500000, "2M" 2000000, "2.5M" 2500000, "3M" 3000000)
plot 'minatar-five-pqn.dat' index 4 using 1:3:4 with filledcurves lc rgb '#AA4499' notitle, \
     'minatar-five-pqn.dat' index 4 using 1:2 with lines lw 2 dt 1 lc rgb '#AA4499' title 'scorer-pqn (10 seeds)', \
     'minatar-five-pqn.dat' index 5 using 1:3:4 with filledcurves lc rgb '#44AA99' notitle, \
     'minatar-five-pqn.dat' index 5 using 1:2 with lines lw 2 dt 2 lc rgb '#44AA99' title 'pqn (10 seeds)'
set title 'Freeway-MinAtar, 3M steps'
set key bottom right font ',9'
set xrange [0:3000000]
set xtics ("0" 0, "500k" 500000, "1M" 1000000, "1.5M" 1500000, "2M" 2000000, "2.5M" 2500000, "3M" 3000000)
plot 'minatar-five-pqn.dat' index 6 using 1:3:4 with filledcurves lc rgb '#AA4499' notitle, \
     'minatar-five-pqn.dat' index 6 using 1:2 with lines lw 2 dt 1 lc rgb '#AA4499' title 'scorer-pqn (10 seeds)', \
     'minatar-five-pqn.dat' index 7 using 1:3:4 with filledcurves lc rgb '#44AA99' notitle, \
     'minatar-five-pqn.dat' index 7 using 1:2 with lines lw 2 dt 2 lc rgb '#44AA99' title 'pqn (10 seeds)'
set title 'Seaquest-MinAtar, 3M steps'
set key top left font ',9'
set xrange [0:3000000]
set xtics ("0" 0, "500k" 500000, "1M" 1000000, "1.5M" 1500000, "2M" 2000000, "2.5M" 2500000, "3M" 3000000)
plot 'minatar-five-pqn.dat' index 8 using 1:3:4 with filledcurves lc rgb '#AA4499' notitle, \
     'minatar-five-pqn.dat' index 8 using 1:2 with lines lw 2 dt 1 lc rgb '#AA4499' title 'scorer-pqn (10 seeds)', \
     'minatar-five-pqn.dat' index 9 using 1:3:4 with filledcurves lc rgb '#44AA99' notitle, \
     'minatar-five-pqn.dat' index 9 using 1:2 with lines lw 2 dt 2 lc rgb '#44AA99' title 'pqn (10 seeds)'
unset multiplot
set terminal svg size 1560,800 dynamic noenhanced font 'sans,11' background rgb 'white'
set output scorer_svg
set multiplot layout 2,3 title 'mean over seeds, band = 95% bootstrap CI of the mean'
set title 'Breakout-MinAtar, 3M steps'
set key top left font ',9'
set xrange [0:3000000]
set xtics ("0" 0, "500k" 500000, "1M" 1000000, "1.5M" 1500000, "2M" 2000000, "2.5M" 2500000, "3M" 3000000)
plot 'minatar-five-pqn.dat' index 0 using 1:3:4 with filledcurves lc rgb '#AA4499' notitle, \
     'minatar-five-pqn.dat' index 0 using 1:2 with lines lw 2 dt 1 lc rgb '#AA4499' title 'scorer-pqn (10 seeds)', \
     'minatar-five-pqn.dat' index 1 using 1:3:4 with filledcurves lc rgb '#44AA99' notitle, \
     'minatar-five-pqn.dat' index 1 using 1:2 with lines lw 2 dt 2 lc rgb '#44AA99' title 'pqn (10 seeds)'
set title 'SpaceInvaders-MinAtar, 3M steps'
set key bottom right font ',9'
set xrange [0:3000000]
set xtics ("0" 0, "500k" 500000, "1M" 1000000, "1.5M" 1500000, "2M" 2000000, "2.5M" 2500000, "3M" 3000000)
plot 'minatar-five-pqn.dat' index 2 using 1:3:4 with filledcurves lc rgb '#AA4499' notitle, \
     'minatar-five-pqn.dat' index 2 using 1:2 with lines lw 2 dt 1 lc rgb '#AA4499' title 'scorer-pqn (10 seeds)', \
     'minatar-five-pqn.dat' index 3 using 1:3:4 with filledcurves lc rgb '#44AA99' notitle, \
     'minatar-five-pqn.dat' index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#44AA99' title 'pqn (10 seeds)'
set title 'Asterix-MinAtar, 3M steps'
set key bottom right font ',9'
set xrange [0:3000000]
set xtics ("0" 0, "500k" 500000, "1M" 1000000, "1.5M" 1500000, "2M" 2000000, "2.5M" 2500000, "3M" 3000000)
plot 'minatar-five-pqn.dat' index 4 using 1:3:4 with filledcurves lc rgb '#AA4499' notitle, \
     'minatar-five-pqn.dat' index 4 using 1:2 with lines lw 2 dt 1 lc rgb '#AA4499' title 'scorer-pqn (10 seeds)', \
     'minatar-five-pqn.dat' index 5 using 1:3:4 with filledcurves lc rgb '#44AA99' notitle, \
     'minatar-five-pqn.dat' index 5 using 1:2 with lines lw 2 dt 2 lc rgb '#44AA99' title 'pqn (10 seeds)'
set title 'Freeway-MinAtar, 3M steps'
set key bottom right font ',9'
set xrange [0:3000000]
set xtics ("0" 0, "500k" 500000, "1M" 1000000, "1.5M" 1500000, "2M" 2000000, "2.5M" 2500000, "3M" 3000000)
plot 'minatar-five-pqn.dat' index 6 using 1:3:4 with filledcurves lc rgb '#AA4499' notitle, \
     'minatar-five-pqn.dat' index 6 using 1:2 with lines lw 2 dt 1 lc rgb '#AA4499' title 'scorer-pqn (10 seeds)', \
     'minatar-five-pqn.dat' index 7 using 1:3:4 with filledcurves lc rgb '#44AA99' notitle, \
     'minatar-five-pqn.dat' index 7 using 1:2 with lines lw 2 dt 2 lc rgb '#44AA99' title 'pqn (10 seeds)'
set title 'Seaquest-MinAtar, 3M steps'
set key top left font ',9'
set xrange [0:3000000]
set xtics ("0" 0, "500k" 500000, "1M" 1000000, "1.5M" 1500000, "2M" 2000000, "2.5M" 2500000, "3M" 3000000)
plot 'minatar-five-pqn.dat' index 8 using 1:3:4 with filledcurves lc rgb '#AA4499' notitle, \
     'minatar-five-pqn.dat' index 8 using 1:2 with lines lw 2 dt 1 lc rgb '#AA4499' title 'scorer-pqn (10 seeds)', \
     'minatar-five-pqn.dat' index 9 using 1:3:4 with filledcurves lc rgb '#44AA99' notitle, \
     'minatar-five-pqn.dat' index 9 using 1:2 with lines lw 2 dt 2 lc rgb '#44AA99' title 'pqn (10 seeds)'
unset multiplot
unset output
