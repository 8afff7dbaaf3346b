"""Helpers shared by rila's scikit-learn benchmark scripts (grid_reference.py,
sklearn_reference.py); they import it from their own folder."""
import platform


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()
