"""The site model: the whole archive as a Library with its indexes, the
site's settings, and every URL decided and checked for clashes before
anything is rendered. (Named for the Library, so that "site" means the
built folder only.)"""
