-- Loaded by the scripts that draw users at random: each wrk thread draws from a fixed seed of its own (1, 2,
-- ...), so runs repeat and the threads do not draw the same users (seeded from the clock, threads started in
-- the same second did, and each user's second request was a cache hit). FC_SEED (bench/run.sh gives every
-- wrk run its own, 1, 2, ...) moves them all: a run that replayed the draws of the run before would find in
-- the cache the users that one loaded, since cards are kept for minutes.
local seeded = 0
setup = function(thread)
  seeded = seeded + 1
  thread:set("seed", seeded)
end
init = function()
  math.randomseed((tonumber(os.getenv("FC_SEED")) or 0) * 1000 + (tonumber(seed) or 1))
end
