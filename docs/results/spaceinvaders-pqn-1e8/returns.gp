# scorer learning curves; run inside this folder: gnuplot returns.gp
if (!exists('scorer_png')) scorer_png = 'returns.png'
if (!exists('scorer_svg')) scorer_svg = 'returns.svg'
if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {
    set terminal pngcairo size 1000,600 noenhanced font 'sans,11'
} else {
    set terminal png size 1000,600 noenhanced truecolor
}
set output scorer_png
set title 'SpaceInvaders-MinAtar, 100M steps: mean over seeds, band = 95% bootstrap CI of the mean'
set xlabel 'timesteps'
set ylabel 'episode return (training, with exploration)'
set grid
set style fill transparent solid 0.18 noborder
set key bottom right
set xrange [0:100000000]
set xtics ("0" 0, "20M" 20000000, "40M" 40000000, "60M" 60000000, "80M" 80000000, "100M" 100000000)
plot 'returns.dat' index 0 using 1:3:4 with filledcurves lc rgb '#AA4499' notitle, \
     'returns.dat' index 0 using 1:2 with lines lw 2 dt 1 lc rgb '#AA4499' title 'scorer-pqn (3 seeds)', \
     'returns.dat' index 1 using 1:3:4 with filledcurves lc rgb '#44AA99' notitle, \
     'returns.dat' index 1 using 1:2 with lines lw 2 dt 2 lc rgb '#44AA99' title 'pqn (3 seeds)'
set terminal svg size 1000,600 dynamic noenhanced font 'sans,11' background rgb 'white'
set output scorer_svg
replot
unset output
