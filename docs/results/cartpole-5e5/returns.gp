# scorer learning curves; run inside this folder: gnuplot returns.gp
if (!exists('scorer_png')) scorer_png = 'returns.png'
if (!exists('scorer_svg')) scorer_svg = 'returns.svg'
if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {
    set terminal pngcairo size 1000,600 noenhanced font 'sans,11'
} else {
    set terminal png size 1000,600 noenhanced truecolor
}
set output scorer_png
set title 'CartPole-v1, 500k steps: mean over seeds, band = 95% bootstrap CI of the mean'
set xlabel 'timesteps'
set ylabel 'episode return (training, with exploration)'
set grid
set style fill transparent solid 0.18 noborder
set key bottom right
set xrange [0:500000]
set xtics ("0" 0, "100k" 100000, "200k" 200000, "300k" 300000, "400k" 400000, "500k" 500000)
plot 'returns.dat' index 0 using 1:3:4 with filledcurves lc rgb '#D55E00' notitle, \
     'returns.dat' index 0 using 1:2 with lines lw 2 dt 1 lc rgb '#D55E00' title 'scorer-dqn (10 seeds)', \
     'returns.dat' index 1 using 1:3:4 with filledcurves lc rgb '#0072B2' notitle, \
     'returns.dat' index 1 using 1:2 with lines lw 2 dt 2 lc rgb '#0072B2' title 'dqn (10 seeds)'
set terminal svg size 1000,600 dynamic noenhanced font 'sans,11' background rgb 'white'
set output scorer_svg
replot
unset output
