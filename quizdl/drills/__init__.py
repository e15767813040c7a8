"""Generators of templated questions: pure-Python functions, registered by name.

A template question in a bank names its generator (`generator: conv_output_size`)
and says how each parameter is drawn; the generator receives the drawn values as
keyword arguments and returns the answer, plus any named intermediate values the
prompt, the explanation or a listed mistake refers to. Generators never import
numpy or torch, so a quiz stays fast to start; tests check each one against an
independent computation with torch.
"""
