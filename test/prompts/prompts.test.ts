/**
 * The recorded-prompt specs run in one jest test file: a file of its own paid about a CPU-second
 * to start a jest environment and load the kit. Each spec keeps its own file.
 */
import './files.spec';
import './hold-music.spec';
import './wav.spec';
