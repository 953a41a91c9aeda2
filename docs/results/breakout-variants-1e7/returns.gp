# scorer learning curves; run inside this folder: gnuplot returns.gp
if (!exists('scorer_png')) scorer_png = 'returns.png'
if (!exists('scorer_svg')) scorer_svg = 'returns.svg'
if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {
    set terminal pngcairo size 1000,660 noenhanced font 'sans,11'
} else {
    set terminal png size 1000,660 noenhanced truecolor
}
set output scorer_png
set title 'Breakout-MinAtar, 10M steps: mean over seeds, band = 95% bootstrap CI of the mean'
set xlabel 'timesteps'
set ylabel 'episode return (training, with exploration)'
set grid
set style fill transparent solid 0.18 noborder
set key outside below center vertical maxrows 3
set xrange [0:10000000]
set xtics ("0" 0, "2M" 2000000, "4M" 4000000, "6M" 6000000, "8M" 8000000, "10M" 10000000)
plot 'returns.dat' index 0 using 1:3:4 with filledcurves lc rgb '#E69F00' notitle, \
     'returns.dat' index 0 using 1:2 with lines lw 2 dt 1 lc rgb '#E69F00' title 'scorer-ddqn (3 seeds)', \
     'returns.dat' index 2 using 1:3:4 with filledcurves lc rgb '#CC79A7' notitle, \
     'returns.dat' index 2 using 1:2 with lines lw 2 dt 1 lc rgb '#CC79A7' title 'scorer-dueling-dqn (3 seeds)', \
     'returns.dat' index 4 using 1:3:4 with filledcurves lc rgb '#882255' notitle, \
     'returns.dat' index 4 using 1:2 with lines lw 2 dt 1 lc rgb '#882255' title 'scorer-dueling-ddqn (3 seeds)', \
     'returns.dat' index 1 using 1:3:4 with filledcurves lc rgb '#56B4E9' notitle, \
     'returns.dat' index 1 using 1:2 with lines lw 2 dt 2 lc rgb '#56B4E9' title 'ddqn (3 seeds)', \
     'returns.dat' index 3 using 1:3:4 with filledcurves lc rgb '#009E73' notitle, \
     'returns.dat' index 3 using 1:2 with lines lw 2 dt 2 lc rgb '#009E73' title 'dueling-dqn (3 seeds)', \
     'returns.dat' index 5 using 1:3:4 with filledcurves lc rgb '#332288' notitle, \
     'returns.dat' index 5 using 1:2 with lines lw 2 dt 2 lc rgb '#332288' title 'dueling-ddqn (3 seeds)'
set terminal svg size 1000,660 dynamic noenhanced font 'sans,11' background rgb 'white'
set output scorer_svg
replot
unset output
