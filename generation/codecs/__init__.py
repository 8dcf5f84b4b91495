"""Encoders from arrays to delivered files (WAV, MP3, MP4); generation outputs finished files, like PNG for images."""
