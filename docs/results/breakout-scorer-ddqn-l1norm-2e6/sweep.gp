# scorer sweep; run inside this folder: gnuplot sweep.gp
if (!exists('scorer_png')) scorer_png = 'sweep.png'
if (!exists('scorer_svg')) scorer_svg = 'sweep.svg'
if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {
    set terminal pngcairo size 1000,600 noenhanced font 'sans,11'
} else {
    set terminal png size 1000,600 noenhanced truecolor
}
set output scorer_png
set ylabel 'final return (IQM)'
set grid
set key outside right
set multiplot layout 1,1 title 'sweep breakout-scorer-ddqn-l1norm-2e6: Breakout-MinAtar, 2000000 steps, 5 seeds'."\n".'IQM of the final return over seeds, bars = 95% bootstrap CI'
unset label
set xlabel 'final_l1norm'
set xrange [-0.5:1.5]
set xtics ('0' 0, '1' 1)
set yrange [2.43621259:13.9396677]
plot 'sweep.dat' index 0 using 1:2:3:4 with yerrorlines lw 2 pt 7 dt 1 lc rgb '#d62728' title 'scorer-ddqn'
unset multiplot
set terminal svg size 1000,600 dynamic noenhanced font 'sans,11' background rgb 'white'
set output scorer_svg
set multiplot layout 1,1 title 'sweep breakout-scorer-ddqn-l1norm-2e6: Breakout-MinAtar, 2000000 steps, 5 seeds'."\n".'IQM of the final return over seeds, bars = 95% bootstrap CI'
unset label
set xlabel 'final_l1norm'
set xrange [-0.5:1.5]
set xtics ('0' 0, '1' 1)
set yrange [2.43621259:13.9396677]
plot 'sweep.dat' index 0 using 1:2:3:4 with yerrorlines lw 2 pt 7 dt 1 lc rgb '#d62728' title 'scorer-ddqn'
unset multiplot
unset output
