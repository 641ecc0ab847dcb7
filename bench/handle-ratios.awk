# Ratios of bench (a) from a JMH log of HandleCallBenchmark and ResourceCallBenchmark: per work,
# handle/direct and proxy/direct on the means (with the error of JMH's 99.9 % intervals carried
# through) and on the best 200 ms iteration. The work is the benchmark's `work` parameter, or
# `resource` for ResourceCallBenchmark (the d7yfs example's contentLength).
function work_of(name, params) { return name ~ /^ResourceCall/ ? "resource" : params }
function ratio_err(a, ea, b, eb) { return (a / b) * sqrt((ea / a) ^ 2 + (eb / b) ^ 2) }
function target(w) {
  return w == "trivial" ? "no target: the handle's own cost (bench/README.md)" : "target <= 1.05"
}
/^# Benchmark: / { n = split($3, m, "."); bench = m[n]; w = work_of(m[n - 1], "") }
/^# Parameters: / { p = $0; sub(/.*work = /, "", p); sub(/[,)].*/, "", p); w = p }
/^Iteration / { v = $3 + 0; k = bench "/" w; if (!(k in best) || v < best[k]) best[k] = v; works[w] = 1 }
/^(Handle|Resource)CallBenchmark\.[a-z]+ / {
  split($1, m, "."); k = m[2] "/" work_of(m[1], $2); mean[k] = $(NF - 3); err[k] = $(NF - 1)
}
END {
  for (w in works) {
    h = "handle/" w; x = "proxy/" w; d = "direct/" w
    if (!(h in mean) || !(d in mean)) continue
    printf "(a) work=%-8s handle/direct %.3f +- %.3f (%.1f vs %.1f ns, %+.1f ns); proxy/direct %.3f (%+.1f ns); best iteration: handle %.3f, proxy %.3f; %s\n",
      w, mean[h] / mean[d], ratio_err(mean[h], err[h], mean[d], err[d]), mean[h], mean[d],
      mean[h] - mean[d], mean[x] / mean[d], mean[x] - mean[d], best[h] / best[d], best[x] / best[d],
      target(w) | "sort"
  }
}
