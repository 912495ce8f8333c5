-- Loaded by the scripts that draw users at random: each wrk thread draws from a fixed seed of its own (1, 2,
-- ...), so runs repeat and the threads do not draw the same users (seeded from the clock, threads started in
-- the same second did, and each user's second request was a cache hit).
local seeded = 0
setup = function(thread)
  seeded = seeded + 1
  thread:set("seed", seeded)
end
init = function()
  math.randomseed(tonumber(seed) or 1)
end
