# scorer learning curves; run inside this folder: gnuplot returns.gp
if (!exists('scorer_png')) scorer_png = 'returns.png'
if (!exists('scorer_svg')) scorer_svg = 'returns.svg'
if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {
    set terminal pngcairo size 1000,600 noenhanced font 'sans,11'
} else {
    set terminal png size 1000,600 noenhanced truecolor
}
set output scorer_png
set title 'Breakout-MinAtar, 2M steps: mean over seeds, band = 95% bootstrap CI of the mean'
set xlabel 'timesteps'
set ylabel 'episode return (training, with exploration)'
set grid
set style fill transparent solid 0.18 noborder
set key bottom right
set xrange [0:2000000]
set xtics ("0" 0, "500k" 500000, "1M" 1000000, "1.5M" 1500000, "2M" 2000000)
plot 'returns.dat' index 0 using 1:3:4 with filledcurves lc rgb '#E69F00' notitle, \
     'returns.dat' index 0 using 1:2 with lines lw 2 dt 1 lc rgb '#E69F00' title 'scorer-ddqn (5 seeds)'
set terminal svg size 1000,600 dynamic noenhanced font 'sans,11' background rgb 'white'
set output scorer_svg
replot
unset output
