-- POST /api/get-public-user-profile for a random user b_1 .. b_FC_USERS (mostly uncached on large sets).
-- Each wrk thread draws from its own fixed seed: seeded from the clock, threads started in the same second
-- drew the same users, so each user came twice and the second was a cache hit.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local users = tonumber(os.getenv("FC_USERS"))
local seeded = 0
setup = function(thread)
  seeded = seeded + 1
  thread:set("seed", seeded)
end
init = function()
  math.randomseed(tonumber(seed) or 1)
end
request = function()
  return wrk.format(nil, nil, nil, '{"userId":"b_' .. math.random(1, users) .. '"}')
end
