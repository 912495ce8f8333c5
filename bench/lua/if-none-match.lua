-- GET with If-None-Match: FC_ETAG (the avatar's own ETag, so every answer is a 304).
wrk.headers["If-None-Match"] = os.getenv("FC_ETAG")
