package dev.flywheel.stats;

/** Average treatment effect over everyone (ATE) or over the treated (ATT). */
public enum Estimand { ATE, ATT }
