-- GET /api/user/get_avatar for users of app 'bench' that do not exist (u0x<random>): every request a cache
-- miss and a lookup statement, as a flood of made-up names from many clients would be. Seeds as
-- per-thread-seed.lua.
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "per-thread-seed.lua")
request = function()
  return wrk.format("GET", "/api/user/get_avatar?appid=bench&user=u0x" .. math.random(1, 1000000000))
end
-- 503s (lookups refused for want of a statement) counted per thread and printed at the end
local seedThread = setup
local threads = {}
setup = function(thread)
  seedThread(thread)
  table.insert(threads, thread)
end
response = function(status)
  if status == 503 then
    refused = (refused or 0) + 1
  end
end
done = function()
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + (thread:get("refused") or 0)
  end
  io.write("refused 503: " .. total .. "\n")
end
