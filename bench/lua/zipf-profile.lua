-- POST /api/get-public-user-profile for user b_k, k drawn from a Zipf distribution (s = 1) over
-- b_1 .. b_FC_USERS: k is chosen with probability proportional to 1/k, the skew of real traffic.
-- Each wrk thread draws from a fixed seed of its own, moved by FC_SEED (per-thread-seed.lua), so runs repeat.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local users = tonumber(os.getenv("FC_USERS"))
local cdf = {}
local sum = 0
for k = 1, users do
  sum = sum + 1 / k
  cdf[k] = sum
end
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "per-thread-seed.lua")
local function draw()
  local target = math.random() * sum
  local lo, hi = 1, users
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cdf[mid] < target then lo = mid + 1 else hi = mid end
  end
  return lo
end
request = function()
  return wrk.format(nil, nil, nil, '{"userId":"b_' .. draw() .. '"}')
end
