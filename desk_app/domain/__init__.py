"""Pure rules of the one-stop desk: no Qt, no SQL, no network, nothing of ours imported."""
