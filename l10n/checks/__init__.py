"""Quality checks on translated catalogues: numbers, markup, punctuation, terminology and more.

    PO + glossary --checks--> Findings --reporters--> text / json / junit / sarif / html

``registry.CHECKS`` lists every check class; ``runner.run`` checks catalogues with them.
"""
