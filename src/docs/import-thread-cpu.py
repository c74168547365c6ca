#!/usr/bin/env python3
# usage: python3 src/docs/import-thread-cpu.py <abs path of ratchet.jar> [java options...]
# Imports /tmp/peers/all.csv (the data README, "Throughput") into a fresh folder and samples every thread's CPU
# (utime+stime of /proc/<pid>/task/*/stat) every 50 ms: per thread its CPU and when it ran, and the main
# thread's CPU while each import thread ran (the first pass: import-scan; the merge: import-write).
import sys,os,subprocess,time,tempfile,shutil,collections
jar=sys.argv[1]; opts=sys.argv[2:]
w=tempfile.mkdtemp(prefix='/tmp/import-thread-cpu.')
tck=os.sysconf('SC_CLK_TCK')
p=subprocess.Popen(['java','-XX:+UseSerialGC','-Xmx512m',*opts,'-jar',jar,'import','peers','/tmp/peers/all.csv','--ratchet.paths.config=/tmp/peers/config','--ratchet.paths.data='+w+'/data'],cwd=w,stdout=open(w+'/out.txt','w'),stderr=open(w+'/err.txt','w'))
t0=time.time(); seen={}; series=collections.defaultdict(list)
while p.poll() is None:
    t=time.time()-t0
    try: tasks=os.listdir(f'/proc/{p.pid}/task')
    except FileNotFoundError: break
    for tid in tasks:
        try: s=open(f'/proc/{p.pid}/task/{tid}/stat').read()
        except OSError: continue
        name=s[s.index('(')+1:s.rindex(')')]; f=s[s.rindex(')')+2:].split()
        c=(int(f[11])+int(f[12]))/tck
        key=f'{name}#{tid}'
        series[key].append((t,c))
    time.sleep(0.05)
wall=time.time()-t0
print(f'wall {wall:.2f} (polled)')
tot=0
for k,v in sorted(series.items(), key=lambda kv:-kv[1][-1][1]):
    tot+=v[-1][1]
    if v[-1][1]>0.05: print(f'{k:28s} cpu {v[-1][1]:6.2f}  seen {v[0][0]:6.2f}..{v[-1][0]:6.2f}')
print(f'threads total {tot:.2f}')
main=max((k for k in series if k.startswith('java#')), key=lambda k: series[k][-1][1])
def at(k,t):
    b=0
    for tt,c in series[k]:
        if tt<=t: b=c
    return b
for k in series:
    if k.startswith('import-scan') or k.startswith('import-spool a') or k.startswith('import-write'):
        a,b=series[k][0][0],series[k][-1][0]
        print(f'{k}: main CPU {at(main,b)-at(main,a):.2f} s while it ran ({a:.2f}..{b:.2f}); main before it {at(main,a):.2f}')
shutil.rmtree(w)
