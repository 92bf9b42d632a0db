"""The floor for bench/load_http.py: a bare FastAPI app returning fixed JSON.

Same server settings as `her2bot serve` (uvicorn, httptools, the standard
asyncio loop, no access log) and a reply of the same shape and about the
same size as a real one (with a session id, so the load's follow-ups work),
but no body parsing, no sessions and no engine: what the HTTP stack alone
can do on this machine under the same load.

Run: python bench/floor_app.py PORT
"""

from __future__ import annotations

import sys

import uvicorn
from fastapi import FastAPI

REPLY = {
    "session_id": "0m3dVZ2m4yO5X1mQ8u7c6A",
    "new_session": True,
    "text": ("Ado-trastuzumab emtansine (Kadcyla) is an antibody-drug conjugate: trastuzumab joined to a chemotherapy "
             "drug, so the drug goes to the HER2-positive cancer cells. It is given as an IV drug (into a vein). It is "
             "used for HER2-positive metastatic breast cancer.\n\nThis information is for education only and does not "
             "cover everything. Please talk with your own doctor about your care."),
    "kind": "question",
    "intent": "drug_overview",
    "confidence": 1.0,
    "entities": {"drug": "ado-trastuzumab-emtansine"},
    "fallback": False,
    "suggestions": ["What are the side effects of Kadcyla?", "How is Kadcyla given?", "When is Kadcyla used?"],
    "sources": ["drug:ado-trastuzumab-emtansine", "kind:adc"],
    "disclaimer": "This information is for education only and does not cover everything. Please talk with your own "
                  "doctor about your care.",
}

app = FastAPI()


@app.post("/api/chat")
async def chat() -> dict:
    return REPLY


@app.get("/healthz")
async def healthz() -> dict:
    return {"status": "ok"}


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), access_log=False, log_level="warning",
                server_header=False, loop="asyncio", http="httptools")
