"""The sources stage: everything that reads inputs, and the only code that touches the network.

`files` (local .html/.htm[.gz], .txt, .jsonl into InputRecords), `urls` (URL validation, canonical form, the address
guard's rules), `fetch` (the guarded fetcher: one URL in, bytes or a typed error out), `feeds` (RSS, Atom and
sitemaps to article URLs), `web` (page, feed and sitemap URLs as pipeline inputs).
"""
