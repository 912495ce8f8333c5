-- POST /api/get-public-user-profile for a random user b_1 .. b_FC_USERS (mostly uncached on large sets).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local users = tonumber(os.getenv("FC_USERS"))
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "per-thread-seed.lua")
request = function()
  return wrk.format(nil, nil, nil, '{"userId":"b_' .. math.random(1, users) .. '"}')
end
