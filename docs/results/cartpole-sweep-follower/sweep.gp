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
set multiplot layout 1,1 title 'sweep cartpole-sweep-follower: CartPole-v1, 500000 steps, 10 seeds'."\n".'IQM of the final return over seeds, bars = 95% bootstrap CI'
unset label
set xlabel 'follower_lr'
set xrange [-0.5:2.5]
set xtics ('1e-4' 0, '3e-4' 1, '1e-3' 2)
set yrange [29.9848206:516.469947]
plot 'sweep.dat' index 0 using 1:2:3:4 with yerrorlines lw 2 pt 7 dt 1 lc rgb '#d62728' title 'scorer-dqn follower_loss=msbe', \
     'sweep.dat' index 1 using 1:2:3:4 with yerrorlines lw 2 pt 7 dt 1 lc rgb '#1f77b4' title 'scorer-dqn follower_loss=variance'
unset multiplot
set terminal svg size 1000,600 dynamic noenhanced font 'sans,11' background rgb 'white'
set output scorer_svg
set multiplot layout 1,1 title 'sweep cartpole-sweep-follower: CartPole-v1, 500000 steps, 10 seeds'."\n".'IQM of the final return over seeds, bars = 95% bootstrap CI'
unset label
set xlabel 'follower_lr'
set xrange [-0.5:2.5]
set xtics ('1e-4' 0, '3e-4' 1, '1e-3' 2)
set yrange [29.9848206:516.469947]
plot 'sweep.dat' index 0 using 1:2:3:4 with yerrorlines lw 2 pt 7 dt 1 lc rgb '#d62728' title 'scorer-dqn follower_loss=msbe', \
     'sweep.dat' index 1 using 1:2:3:4 with yerrorlines lw 2 pt 7 dt 1 lc rgb '#1f77b4' title 'scorer-dqn follower_loss=variance'
unset multiplot
unset output
